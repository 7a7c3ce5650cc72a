// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// The OpenTelemetry adapter (<openai/admin/opentelemetry.hpp>) against opentelemetry-cpp's
// in-memory span and metric exporters and the testing kit's fake server, rule by rule of the
// stable HTTP semantic conventions (v1.44, docs/http/http-spans.md and http-metrics.md): one
// CLIENT span per attempt named {method}, its attributes and status, parents and the
// traceparent each request carries, the duration histogram (name, unit, attributes, buckets)
// and the active-requests counter.

#include "../support/fixture.hpp"

#include <openai/admin/opentelemetry.hpp>

#include <opentelemetry/context/propagation/text_map_propagator.h>
#include <opentelemetry/exporters/memory/in_memory_metric_data.h>
#include <opentelemetry/exporters/memory/in_memory_metric_exporter_factory.h>
#include <opentelemetry/exporters/memory/in_memory_span_data.h>
#include <opentelemetry/exporters/memory/in_memory_span_exporter_factory.h>
#include <opentelemetry/sdk/metrics/export/periodic_exporting_metric_reader_factory.h>
#include <opentelemetry/sdk/metrics/meter_provider.h>
#include <opentelemetry/sdk/metrics/meter_provider_factory.h>
#include <opentelemetry/sdk/trace/simple_processor_factory.h>
#include <opentelemetry/sdk/trace/span_data.h>
#include <opentelemetry/sdk/trace/tracer_provider.h>
#include <opentelemetry/sdk/trace/tracer_provider_factory.h>
#include <opentelemetry/trace/scope.h>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

using namespace oa_test;
namespace ot = ::opentelemetry;
namespace otel = openai::admin::otel;
namespace mem = ot::exporter::memory;
namespace sdktrace = ot::sdk::trace;
namespace sdkm = ot::sdk::metrics;
using std::chrono::milliseconds;

namespace {

using span_ptr = std::unique_ptr<sdktrace::SpanData>;

// An attribute as text: a string as it is, an integer as "int:N", anything else "?", so that
// a test also sees the type (server.port is an int, never the string "443").
std::string text_of(const ot::sdk::common::OwnedAttributeValue& v) {
    if (const auto* s = ot::nostd::get_if<std::string>(&v))
        return *s;
    if (const auto* i = ot::nostd::get_if<int64_t>(&v))
        return "int:" + std::to_string(*i);
    return "?";
}

template <class Map>
std::map<std::string, std::string> flat(const Map& m) {
    std::map<std::string, std::string> out;
    for (const auto& [k, v] : m)
        out[k] = text_of(v);
    return out;
}

std::map<std::string, std::string> attributes_of(const sdktrace::SpanData& s) { return flat(s.GetAttributes()); }

std::optional<std::string> attribute(const sdktrace::SpanData& s, const std::string& key) {
    const auto& a = s.GetAttributes();
    auto it = a.find(key);
    if (it == a.end())
        return std::nullopt;
    return text_of(it->second);
}

template <class Id>
std::string hex(const Id& id) {
    char buf[2 * Id::kSize];
    id.ToLowerBase16(ot::nostd::span<char, 2 * Id::kSize>(buf, sizeof buf));
    return std::string(buf, sizeof buf);
}

// The traceparent a request with this span as its parent must carry (sampled).
std::string traceparent_of(const sdktrace::SpanData& s) {
    return "00-" + hex(s.GetTraceId()) + "-" + hex(s.GetSpanId()) + "-01";
}

std::string int_text(long long v) { return "int:" + std::to_string(v); }

// A port nothing listens on (bound, then closed again).
unsigned short closed_port() {
    asio::io_context io;
    asio::ip::tcp::acceptor a(io, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    const auto port = a.local_endpoint().port();
    a.close();
    return port;
}

// SDK providers with in-memory exporters: every span as it ends, metrics on collect().
struct telemetry {
    std::shared_ptr<mem::InMemorySpanData> span_data;
    std::shared_ptr<sdktrace::TracerProvider> tracer_provider;
    std::shared_ptr<mem::CircularBufferInMemoryMetricData> metric_data =
        std::make_shared<mem::CircularBufferInMemoryMetricData>(100);
    std::shared_ptr<sdkm::MeterProvider> meter_provider;
    ot::nostd::shared_ptr<ot::trace::Tracer> caller; // the application's own tracer

    explicit telemetry(bool with_views = true) {
        auto exporter = mem::InMemorySpanExporterFactory::Create(span_data, 1000);
        tracer_provider = sdktrace::TracerProviderFactory::Create(
            sdktrace::SimpleSpanProcessorFactory::Create(std::move(exporter)));
        caller = tracer_provider->GetTracer("caller");

        meter_provider = sdkm::MeterProviderFactory::Create();
        if (with_views)
            otel::add_views(*meter_provider);
        sdkm::PeriodicExportingMetricReaderOptions ro;
        ro.export_interval_millis = std::chrono::hours(1); // only when collect() asks
        ro.export_timeout_millis = std::chrono::seconds(10);
        meter_provider->AddMetricReader(
            sdkm::PeriodicExportingMetricReaderFactory::Create(mem::InMemoryMetricExporterFactory::Create(metric_data), ro));
    }
    telemetry(const telemetry&) = delete;
    telemetry& operator=(const telemetry&) = delete;

    // The adapter over these providers (W3C propagation unless `o` says otherwise).
    std::shared_ptr<oa::observer> observer(otel::options o = {}) const {
        o.tracer_provider = ot::nostd::shared_ptr<ot::trace::TracerProvider>(
            std::shared_ptr<ot::trace::TracerProvider>(tracer_provider));
        o.meter_provider = ot::nostd::shared_ptr<ot::metrics::MeterProvider>(
            std::shared_ptr<ot::metrics::MeterProvider>(meter_provider));
        return otel::make_observer(std::move(o));
    }

    // The spans ended since the last call, in the order they ended.
    std::vector<span_ptr> take_spans() { return span_data->GetSpans(); }

    // The spans of the adapter (scope openai-admin-cpp) ended since the last call.
    std::vector<span_ptr> take_attempt_spans(std::vector<span_ptr>* others = nullptr) {
        std::vector<span_ptr> mine;
        for (auto& s : take_spans()) {
            if (s->GetInstrumentationScope().GetName() == otel::scope_name)
                mine.push_back(std::move(s));
            else if (others)
                others->push_back(std::move(s));
        }
        return mine;
    }

    // Collects now; the metric `name` of the adapter's scope, if any (cumulative).
    std::optional<sdkm::MetricData> collect(const std::string& name) {
        BOOST_REQUIRE(meter_provider->ForceFlush(std::chrono::seconds(10)));
        auto all = metric_data->Get();
        std::optional<sdkm::MetricData> found;
        if (all.empty()) // nothing was measured at all
            return found;
        for (const auto& scope : all.back()->scope_metric_data_) {
            if (scope.scope_ == nullptr || scope.scope_->GetName() != otel::scope_name)
                continue;
            BOOST_TEST(scope.scope_->GetVersion() == OPENAI_ADMIN_VERSION_STRING);
            BOOST_TEST(scope.scope_->GetSchemaURL() == otel::schema_url);
            for (const auto& m : scope.metric_data_)
                if (m.instrument_descriptor.name_ == name)
                    found.emplace(m);
        }
        return found;
    }
};

// A fake Admin API, and a client on it whose observer is the adapter.
struct scene {
    fake_server server;
    asio::io_context io;
    std::optional<oa::client> api;

    explicit scene(const telemetry& t, otel::options o = {}, unsigned retries = 0) {
        auto cfg = config_for(server);
        cfg.max_retries = retries;
        cfg.observer = t.observer(std::move(o));
        api.emplace(io, cfg);
    }
    std::string seed_one() { return server.seed_certificates(1).at(0); }
    oa::error_code get(const std::string& id) {
        oa::diagnostics d;
        return get_once(io, *api, d, id);
    }
};

// One get of `id` with `parent` active in this thread while the call is started (and run).
oa::error_code get_under(scene& s, const ot::nostd::shared_ptr<ot::trace::Span>& parent, const std::string& id) {
    ot::trace::Scope active(parent);
    return s.get(id);
}

// The attributes every attempt span of `s` must have from its start.
void check_common_attributes(const sdktrace::SpanData& span, const std::string& method, unsigned short port) {
    BOOST_TEST(std::string(span.GetName()) == method);
    BOOST_TEST((span.GetSpanKind() == ot::trace::SpanKind::kClient));
    BOOST_TEST(attribute(span, "http.request.method").value_or("<absent>") == method);
    BOOST_TEST(attribute(span, "server.address").value_or("<absent>") == "127.0.0.1");
    BOOST_TEST(attribute(span, "server.port").value_or("<absent>") == int_text(port));
    BOOST_TEST(attribute(span, "network.protocol.version").value_or("<absent>") == "1.1");
    BOOST_TEST(!attribute(span, "http.request.method_original"), "a known method has no method_original");
}

} // namespace

BOOST_AUTO_TEST_SUITE(otel_spans)

BOOST_AUTO_TEST_CASE(a_successful_call_is_one_client_span_under_the_callers_span) {
    telemetry t;
    scene s(t);
    const auto id = s.seed_one();
    auto parent = t.caller->StartSpan("caller");
    BOOST_TEST(!get_under(s, parent, id));
    parent->End();

    std::vector<span_ptr> others;
    auto spans = t.take_attempt_spans(&others);
    BOOST_TEST_REQUIRE(spans.size() == 1u);
    BOOST_TEST_REQUIRE(others.size() == 1u); // the caller's own
    const auto& span = *spans[0];
    check_common_attributes(span, "GET", s.server.port());
    BOOST_TEST(hex(span.GetTraceId()) == hex(others[0]->GetTraceId()));
    BOOST_TEST(hex(span.GetParentSpanId()) == hex(others[0]->GetSpanId()));
    BOOST_TEST(attribute(span, "url.full").value_or("<absent>") == s.server.base_url() + "/organization/certificates/" + id);
    BOOST_TEST(attribute(span, "http.response.status_code").value_or("<absent>") == "int:200");
    BOOST_TEST(attribute(span, "network.peer.address").value_or("<absent>") == "127.0.0.1");
    BOOST_TEST(attribute(span, "network.peer.port").value_or("<absent>") == int_text(s.server.port()));
    BOOST_TEST(!attribute(span, "error.type"));
    BOOST_TEST(!attribute(span, "http.request.resend_count"), "a first attempt is no resend");
    BOOST_TEST((span.GetStatus() == ot::trace::StatusCode::kUnset));
    BOOST_TEST(span.GetDuration().count() > 0);
    BOOST_TEST(span.GetInstrumentationScope().GetVersion() == OPENAI_ADMIN_VERSION_STRING);
    BOOST_TEST(span.GetInstrumentationScope().GetSchemaURL() == otel::schema_url);

    // The request carried this attempt's span as its parent.
    const auto reqs = s.server.requests();
    BOOST_TEST_REQUIRE(reqs.size() == 1u);
    BOOST_TEST(reqs[0].header("traceparent").value_or("<absent>") == traceparent_of(span));
    BOOST_TEST(!reqs[0].header("tracestate"), "no tracestate without one in the context");
}

BOOST_AUTO_TEST_CASE(span_names_are_the_methods_never_the_path) {
    telemetry t;
    scene s(t);
    const auto pem = make_ca_pem();
    std::string id;
    run_on(s.io, [&]() -> asio::awaitable<void> {
        auto certs = s.api->certificates();
        auto c = co_await certs.async_upload({.certificate = pem, .name = "otel"}, asio::use_awaitable);
        id = c.id;
        co_await certs.async_get(id, {}, asio::use_awaitable);
        co_await certs.async_delete(id, asio::use_awaitable);
    }());
    auto spans = t.take_attempt_spans();
    BOOST_TEST_REQUIRE(spans.size() == 3u);
    const std::vector<std::string> want = {"POST", "GET", "DELETE"};
    for (std::size_t i = 0; i < spans.size(); ++i) {
        check_common_attributes(*spans[i], want[i], s.server.port());
        BOOST_TEST(std::string(spans[i]->GetName()).find('/') == std::string::npos);
        BOOST_TEST(!attribute(*spans[i], "error.type"));
    }
    BOOST_TEST(attribute(*spans[2], "url.full").value_or("<absent>") == s.server.base_url() + "/organization/certificates/" + id);
    // No caller span: each attempt is a root, and still sends its own traceparent.
    const auto reqs = s.server.requests();
    BOOST_TEST_REQUIRE(reqs.size() == 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        BOOST_TEST(!spans[i]->GetParentSpanId().IsValid());
        BOOST_TEST(reqs[i].header("traceparent").value_or("<absent>") == traceparent_of(*spans[i]));
    }
}

BOOST_AUTO_TEST_CASE(a_retried_call_gives_sibling_spans_with_resend_counts) {
    telemetry t;
    scene s(t, {}, 2);
    const auto id = s.seed_one();
    s.server.inject(fault::unavailable(), 2); // 503, 503, then the normal answer
    auto parent = t.caller->StartSpan("caller");
    BOOST_TEST(!get_under(s, parent, id));
    parent->End();

    std::vector<span_ptr> others;
    auto spans = t.take_attempt_spans(&others);
    BOOST_TEST_REQUIRE(spans.size() == 3u);
    BOOST_TEST_REQUIRE(others.size() == 1u);
    const auto reqs = s.server.requests();
    BOOST_TEST_REQUIRE(reqs.size() == 3u);
    std::set<std::string> ids;
    for (std::size_t i = 0; i < 3; ++i) {
        const auto& span = *spans[i];
        BOOST_TEST_CONTEXT("attempt " << i + 1) {
            check_common_attributes(span, "GET", s.server.port());
            BOOST_TEST(hex(span.GetParentSpanId()) == hex(others[0]->GetSpanId()), "siblings under the caller's span");
            BOOST_TEST(hex(span.GetTraceId()) == hex(others[0]->GetTraceId()));
            ids.insert(hex(span.GetSpanId()));
            BOOST_TEST(reqs[i].header("traceparent").value_or("<absent>") == traceparent_of(span));
            if (i == 0)
                BOOST_TEST(!attribute(span, "http.request.resend_count"));
            else
                BOOST_TEST(attribute(span, "http.request.resend_count").value_or("<absent>") == int_text(i));
            if (i < 2) {
                BOOST_TEST(attribute(span, "http.response.status_code").value_or("<absent>") == "int:503");
                BOOST_TEST(attribute(span, "error.type").value_or("<absent>") == "503");
                BOOST_TEST((span.GetStatus() == ot::trace::StatusCode::kError));
                BOOST_TEST(std::string(span.GetDescription()) == "", "the status code says it all");
            } else {
                BOOST_TEST(attribute(span, "http.response.status_code").value_or("<absent>") == "int:200");
                BOOST_TEST(!attribute(span, "error.type"));
                BOOST_TEST((span.GetStatus() == ot::trace::StatusCode::kUnset));
            }
        }
    }
    BOOST_TEST(ids.size() == 3u, "each attempt has a span id of its own");
    // Attempts do not overlap: each starts after the previous one ended.
    for (std::size_t i = 1; i < 3; ++i)
        BOOST_TEST((spans[i]->GetStartTime().time_since_epoch() >=
                    spans[i - 1]->GetStartTime().time_since_epoch() + spans[i - 1]->GetDuration()));
}

BOOST_AUTO_TEST_CASE(an_error_status_is_an_error_span) {
    telemetry t;
    scene s(t);
    BOOST_TEST((s.get("cert_missing") == oa::api_errc::not_found));
    auto spans = t.take_attempt_spans();
    BOOST_TEST_REQUIRE(spans.size() == 1u);
    const auto& span = *spans[0];
    check_common_attributes(span, "GET", s.server.port());
    BOOST_TEST(attribute(span, "http.response.status_code").value_or("<absent>") == "int:404");
    BOOST_TEST(attribute(span, "error.type").value_or("<absent>") == "404");
    BOOST_TEST((span.GetStatus() == ot::trace::StatusCode::kError));
    BOOST_TEST(std::string(span.GetDescription()) == "");
    BOOST_TEST(attribute(span, "network.peer.address").value_or("<absent>") == "127.0.0.1");
}

BOOST_AUTO_TEST_CASE(a_refused_connection_has_an_error_type_and_no_status_code) {
    telemetry t;
    scene s(t);
    const auto port = closed_port();
    auto cfg = config_for(s.server);
    cfg.base_url = "https://127.0.0.1:" + std::to_string(port) + "/v1";
    cfg.observer = t.observer();
    oa::client refused(s.io, cfg);
    oa::diagnostics d;
    const auto ec = get_once(s.io, refused, d, "cert_x");
    BOOST_TEST((ec == asio::error::connection_refused), ec.message());

    auto spans = t.take_attempt_spans();
    BOOST_TEST_REQUIRE(spans.size() == 1u);
    const auto& span = *spans[0];
    check_common_attributes(span, "GET", port);
    BOOST_TEST(attribute(span, "error.type").value_or("<absent>") == "connection_refused");
    BOOST_TEST(!attribute(span, "http.response.status_code"), "no response arrived");
    BOOST_TEST(!attribute(span, "network.peer.address"), "no connection was made");
    BOOST_TEST(!attribute(span, "network.peer.port"));
    BOOST_TEST((span.GetStatus() == ot::trace::StatusCode::kError));
    BOOST_TEST(!span.GetDescription().empty(), "a transport error is described");
}

BOOST_AUTO_TEST_CASE(a_cancelled_call_is_not_an_error) {
    telemetry t;
    scene s(t);
    const auto id = s.seed_one();
    s.server.inject(fault::no_reply());
    asio::cancellation_signal signal;
    asio::steady_timer timer(s.io, milliseconds(300));
    timer.async_wait([&](oa::error_code) { signal.emit(asio::cancellation_type::terminal); });
    oa::error_code result;
    int completions = 0;
    s.api->certificates().async_get(id, {}, asio::bind_cancellation_slot(signal.slot(), [&](oa::error_code ec, auto&&...) {
                                        result = ec;
                                        ++completions;
                                    }));
    s.io.run_for(std::chrono::seconds(20));
    BOOST_TEST_REQUIRE(completions == 1);
    BOOST_TEST((result == asio::error::operation_aborted), result.message());

    auto spans = t.take_attempt_spans();
    BOOST_TEST_REQUIRE(spans.size() == 1u);
    const auto& span = *spans[0];
    check_common_attributes(span, "GET", s.server.port());
    BOOST_TEST((span.GetStatus() == ot::trace::StatusCode::kUnset), "a caller's cancellation is no error");
    BOOST_TEST(!attribute(span, "error.type"));
    BOOST_TEST(!attribute(span, "http.response.status_code"));
    BOOST_TEST((span.GetDuration() >= milliseconds(250)));

    // Nor in the histogram.
    auto m = t.collect("http.client.request.duration");
    BOOST_TEST_REQUIRE(m.has_value());
    BOOST_TEST_REQUIRE(m->point_data_attr_.size() == 1u);
    const auto a = flat(m->point_data_attr_[0].attributes);
    BOOST_TEST(a.count("error.type") == 0u);
    BOOST_TEST(a.count("http.response.status_code") == 0u);
}

BOOST_AUTO_TEST_CASE(url_full_never_has_credentials) {
    telemetry t;
    scene s(t);
    s.server.seed_certificates(3);
    // A listing (query string) ...
    run_on(s.io, [&]() -> asio::awaitable<void> {
        auto page = s.api->certificates().list({.limit = 2});
        co_await page.async_next_page(asio::use_awaitable);
    }());
    // ... and a call through a proxy with credentials (nothing listens there: it fails).
    auto cfg = config_for(s.server);
    cfg.proxy.url = "http://proxy-user:proxy-secret@127.0.0.1:" + std::to_string(closed_port());
    cfg.observer = t.observer();
    oa::client proxied(s.io, cfg);
    oa::diagnostics d;
    (void)get_once(s.io, proxied, d, "cert_x");

    auto spans = t.take_attempt_spans();
    BOOST_TEST_REQUIRE(spans.size() == 2u);
    const auto reqs = s.server.requests();
    BOOST_TEST_REQUIRE(!reqs.empty());
    BOOST_TEST(attribute(*spans[0], "url.full").value_or("<absent>") == s.server.root_url() + reqs[0].target);
    BOOST_TEST(reqs[0].target.find("limit=2") != std::string::npos);
    BOOST_TEST(attribute(*spans[1], "url.full").value_or("<absent>") == s.server.base_url() + "/organization/certificates/cert_x");
    // The origin, not the proxy, is the server.
    BOOST_TEST(attribute(*spans[1], "server.port").value_or("<absent>") == int_text(s.server.port()));
    for (const auto& span : spans) {
        const auto url = attribute(*span, "url.full").value_or("");
        BOOST_TEST(url.find('@') == std::string::npos, url);
        BOOST_TEST(url.find("proxy-secret") == std::string::npos, url);
        BOOST_TEST(url.find("sk-admin") == std::string::npos, url);
        for (const auto& [k, v] : attributes_of(*span))
            BOOST_TEST((v.find("sk-admin") == std::string::npos && v.find("proxy-secret") == std::string::npos), k);
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(otel_propagation)

BOOST_AUTO_TEST_CASE(each_call_keeps_the_context_it_was_started_in) {
    // Two calls started under two different active spans, then run together: each attempt's
    // parent is the span active where its call was started, not where it ran.
    telemetry t;
    scene s(t);
    const auto id = s.seed_one();
    auto a = t.caller->StartSpan("a");
    auto b = t.caller->StartSpan("b");
    int done = 0;
    const auto count = [&](oa::error_code, auto&&...) { ++done; };
    {
        ot::trace::Scope active(a);
        s.api->certificates().async_get(id, {}, count);
    }
    {
        ot::trace::Scope active(b);
        s.api->certificates().async_get("cert_missing", {}, count);
    }
    s.io.run_for(std::chrono::seconds(20));
    BOOST_TEST_REQUIRE(done == 2);
    a->End();
    b->End();
    std::vector<span_ptr> others;
    auto spans = t.take_attempt_spans(&others);
    BOOST_TEST_REQUIRE(spans.size() == 2u);
    BOOST_TEST_REQUIRE(others.size() == 2u);
    const bool a_first = std::string(others[0]->GetName()) == "a";
    const auto& span_a = a_first ? *others[0] : *others[1];
    const auto& span_b = a_first ? *others[1] : *others[0];
    for (const auto& span : spans) {
        const bool found = attribute(*span, "http.response.status_code") == std::optional<std::string>("int:200");
        BOOST_TEST(hex(span->GetParentSpanId()) == hex((found ? span_a : span_b).GetSpanId()));
    }
}

BOOST_AUTO_TEST_CASE(a_call_started_without_a_span_is_a_root_wherever_it_runs) {
    // Started with no span active, run while another is: the attempt is a root span (the SDK
    // would take the span active on the running thread for a context without one).
    telemetry t;
    scene s(t);
    const auto id = s.seed_one();
    oa::error_code result{asio::error::would_block};
    s.api->certificates().async_get(id, {}, [&](oa::error_code ec, auto&&...) { result = ec; });
    auto unrelated = t.caller->StartSpan("unrelated");
    {
        ot::trace::Scope active(unrelated);
        s.io.run_for(std::chrono::seconds(20));
    }
    unrelated->End();
    BOOST_TEST(!result);
    auto spans = t.take_attempt_spans();
    BOOST_TEST_REQUIRE(spans.size() == 1u);
    BOOST_TEST(!spans[0]->GetParentSpanId().IsValid());
    BOOST_TEST(hex(spans[0]->GetTraceId()) != hex(unrelated->GetContext().trace_id()));
    const auto reqs = s.server.requests();
    BOOST_TEST_REQUIRE(reqs.size() == 1u);
    BOOST_TEST(reqs[0].header("traceparent").value_or("<absent>") == traceparent_of(*spans[0]));
}

BOOST_AUTO_TEST_CASE(another_propagator_can_be_given) {
    // A propagator of the user's: what it injects is sent, and no traceparent.
    struct test_propagator final : ot::context::propagation::TextMapPropagator {
        ot::context::Context Extract(const ot::context::propagation::TextMapCarrier&,
                                     ot::context::Context& c) noexcept override {
            return c;
        }
        void Inject(ot::context::propagation::TextMapCarrier& carrier, const ot::context::Context& c) noexcept override {
            carrier.Set("x-test-span", hex(ot::trace::GetSpan(c)->GetContext().span_id()));
            carrier.Set("Authorization", "Bearer stolen"); // refused by header_writer
        }
        bool Fields(ot::nostd::function_ref<bool(ot::nostd::string_view)>) const noexcept override { return true; }
    };
    telemetry t;
    scene s(t, {.propagator = ot::nostd::shared_ptr<ot::context::propagation::TextMapPropagator>(new test_propagator)});
    const auto id = s.seed_one();
    BOOST_TEST(!s.get(id));
    auto spans = t.take_attempt_spans();
    BOOST_TEST_REQUIRE(spans.size() == 1u);
    const auto reqs = s.server.requests();
    BOOST_TEST_REQUIRE(reqs.size() == 1u);
    BOOST_TEST(reqs[0].header("x-test-span").value_or("<absent>") == hex(spans[0]->GetSpanId()));
    BOOST_TEST(!reqs[0].header("traceparent"));
    BOOST_TEST(reqs[0].header("authorization").value_or("<absent>") == "Bearer sk-admin-test-key");
}

BOOST_AUTO_TEST_CASE(without_traces_the_callers_context_is_still_sent) {
    telemetry t;
    scene s(t, {.traces = false});
    const auto id = s.seed_one();
    auto parent = t.caller->StartSpan("caller");
    BOOST_TEST(!get_under(s, parent, id));
    parent->End();
    std::vector<span_ptr> others;
    BOOST_TEST(t.take_attempt_spans(&others).empty());
    BOOST_TEST_REQUIRE(others.size() == 1u);
    const auto reqs = s.server.requests();
    BOOST_TEST_REQUIRE(reqs.size() == 1u);
    BOOST_TEST(reqs[0].header("traceparent").value_or("<absent>") == traceparent_of(*others[0]));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(otel_metrics)

BOOST_AUTO_TEST_CASE(the_duration_histogram_follows_the_convention) {
    telemetry t;
    scene s(t);
    const auto id = s.seed_one();
    BOOST_TEST(!s.get(id));
    BOOST_TEST((s.get("cert_missing") == oa::api_errc::not_found));
    const auto port = closed_port();
    auto cfg = config_for(s.server);
    cfg.base_url = "https://127.0.0.1:" + std::to_string(port) + "/v1";
    cfg.observer = t.observer();
    oa::client refused(s.io, cfg);
    oa::diagnostics d;
    BOOST_TEST((get_once(s.io, refused, d, "cert_x") == asio::error::connection_refused));
    auto spans = t.take_attempt_spans();
    BOOST_TEST_REQUIRE(spans.size() == 3u);

    auto m = t.collect("http.client.request.duration");
    BOOST_TEST_REQUIRE(m.has_value());
    BOOST_TEST(m->instrument_descriptor.unit_ == "s");
    BOOST_TEST(m->instrument_descriptor.description_ == "Duration of HTTP client requests.");
    BOOST_TEST((m->instrument_descriptor.type_ == sdkm::InstrumentType::kHistogram));
    BOOST_TEST((m->instrument_descriptor.value_type_ == sdkm::InstrumentValueType::kDouble));

    const std::string p = int_text(s.server.port());
    const std::map<std::map<std::string, std::string>, std::size_t> want = {
        {{{"http.request.method", "GET"}, {"server.address", "127.0.0.1"}, {"server.port", p},
          {"network.protocol.version", "1.1"}, {"http.response.status_code", "int:200"}}, 0},
        {{{"http.request.method", "GET"}, {"server.address", "127.0.0.1"}, {"server.port", p},
          {"network.protocol.version", "1.1"}, {"http.response.status_code", "int:404"}, {"error.type", "404"}}, 1},
        {{{"http.request.method", "GET"}, {"server.address", "127.0.0.1"}, {"server.port", int_text(port)},
          {"network.protocol.version", "1.1"}, {"error.type", "connection_refused"}}, 2},
    };
    BOOST_TEST_REQUIRE(m->point_data_attr_.size() == want.size());
    const std::vector<double> buckets(otel::duration_buckets.begin(), otel::duration_buckets.end());
    for (const auto& point : m->point_data_attr_) {
        const auto attrs = flat(point.attributes);
        std::string shown;
        for (const auto& [k, v] : attrs)
            shown += k + "=" + v + " ";
        BOOST_TEST_CONTEXT("point " << shown) {
            auto it = want.find(attrs);
            BOOST_TEST_REQUIRE((it != want.end()), "unexpected attributes (none of url.full, network.peer.*, resend_count)");
            const auto* h = ot::nostd::get_if<sdkm::HistogramPointData>(&point.point_data);
            BOOST_TEST_REQUIRE(h != nullptr);
            BOOST_TEST(h->boundaries_ == buckets, boost::test_tools::per_element());
            BOOST_TEST(h->counts_.size() == buckets.size() + 1);
            BOOST_TEST(h->count_ == 1u);
            // The value is the attempt span's duration, in seconds.
            const double sum = ot::nostd::get<double>(h->sum_);
            const double span_s = std::chrono::duration<double>(spans[it->second]->GetDuration()).count();
            BOOST_TEST(sum == span_s, boost::test_tools::tolerance(1e-6));
            BOOST_TEST(sum > 0.0);
            BOOST_TEST(sum < 10.0);
        }
    }
}

BOOST_AUTO_TEST_CASE(without_the_view_the_sdk_ignores_the_advised_buckets) {
    // The 1.19 metrics API cannot carry ExplicitBucketBoundaries advice: without add_views the
    // SDK applies its default boundaries (meant for milliseconds). This pins that limitation;
    // should a later opentelemetry-cpp apply advice, this fails and add_views can go.
    telemetry t(false);
    scene s(t);
    BOOST_TEST((s.get("cert_missing") == oa::api_errc::not_found));
    auto m = t.collect("http.client.request.duration");
    BOOST_TEST_REQUIRE(m.has_value());
    BOOST_TEST_REQUIRE(m->point_data_attr_.size() == 1u);
    const auto* h = ot::nostd::get_if<sdkm::HistogramPointData>(&m->point_data_attr_[0].point_data);
    BOOST_TEST_REQUIRE(h != nullptr);
    const std::vector<double> buckets(otel::duration_buckets.begin(), otel::duration_buckets.end());
    BOOST_TEST(h->boundaries_ != buckets);
    BOOST_TEST(h->boundaries_.back() == 10000.0);
}

BOOST_AUTO_TEST_CASE(active_requests_count_the_attempts_in_flight) {
    telemetry t;
    scene s(t);
    const auto id = s.seed_one();
    s.server.inject(fault::delayed(milliseconds(1500)));
    const auto value_of = [](const sdkm::MetricData& m) -> std::optional<int64_t> {
        if (m.point_data_attr_.size() != 1u)
            return std::nullopt;
        const auto* sum = ot::nostd::get_if<sdkm::SumPointData>(&m.point_data_attr_[0].point_data);
        if (sum == nullptr)
            return std::nullopt;
        return ot::nostd::get<int64_t>(sum->value_);
    };
    std::optional<int64_t> during;
    std::map<std::string, std::string> attrs;
    asio::steady_timer timer(s.io, milliseconds(500));
    timer.async_wait([&](oa::error_code) {
        auto m = t.collect("http.client.active_requests");
        BOOST_TEST_REQUIRE(m.has_value());
        BOOST_TEST(m->instrument_descriptor.unit_ == "{request}");
        BOOST_TEST((m->instrument_descriptor.type_ == sdkm::InstrumentType::kUpDownCounter));
        during = value_of(*m);
        if (!m->point_data_attr_.empty())
            attrs = flat(m->point_data_attr_[0].attributes);
    });
    oa::error_code result{asio::error::would_block};
    s.api->certificates().async_get(id, {}, [&](oa::error_code ec, auto&&...) { result = ec; });
    s.io.run_for(std::chrono::seconds(20));
    BOOST_TEST(!result);
    BOOST_TEST(during.value_or(-1) == 1);
    const std::map<std::string, std::string> want = {
        {"http.request.method", "GET"}, {"server.address", "127.0.0.1"}, {"server.port", int_text(s.server.port())}};
    BOOST_TEST((attrs == want));
    auto after = t.collect("http.client.active_requests");
    BOOST_TEST_REQUIRE(after.has_value());
    BOOST_TEST(value_of(*after).value_or(-1) == 0);
}

BOOST_AUTO_TEST_CASE(metrics_can_be_turned_off) {
    telemetry t;
    scene s(t, {.metrics = false});
    BOOST_TEST((s.get("cert_missing") == oa::api_errc::not_found));
    BOOST_TEST(t.take_attempt_spans().size() == 1u, "spans still");
    BOOST_TEST(!t.collect("http.client.request.duration").has_value());
    BOOST_TEST(!t.collect("http.client.active_requests").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
