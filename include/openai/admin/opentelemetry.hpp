// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_OPENTELEMETRY_HPP
#define OPENAI_ADMIN_OPENTELEMETRY_HPP

/// \file
/// \brief Optional OpenTelemetry adapter: an \ref openai::admin::observer that makes HTTP
/// client spans and metrics after the stable HTTP semantic conventions (v1.44) and sends W3C
/// `traceparent` headers. Only for programs that include it; needs the opentelemetry-cpp API
/// (1.19 or later; CMake: <code>opentelemetry-cpp\::api</code>), nothing of its SDK.
///
/// \code
/// #include <openai/admin/opentelemetry.hpp>
/// auto cfg = openai::admin::client_config::from_env();
/// cfg.observer = openai::admin::otel::make_observer();   // global providers, W3C propagation
/// openai::admin::client api(io, cfg);
/// \endcode
///
/// What it emits, per attempt (a retried call gives one span per attempt, siblings, all
/// children of the span that was active in the thread that started the call):
///
/// - a `CLIENT` span named after the method (`GET`, `POST`, `DELETE`; never the path), with
///   `http.request.method`, `server.address`, `server.port`, `url.full` (never credentials)
///   and `network.protocol.version` (`1.1`) from its start, `http.request.resend_count` on
///   resends, `http.response.status_code` iff a response arrived, `network.peer.address` and
///   `network.peer.port` iff a connection was made, and `error.type` iff the attempt failed:
///   the status as text for 400 and more, else one of the names of
///   \ref openai::admin::error_type_of (`timeout`, `connection_refused`, ..., `_OTHER`).
///   Status `Error` exactly when `error.type` is set. A cancellation by the caller
///   (`operation_aborted`) is not an error: status `Unset`, no `error.type`. The span starts
///   when the attempt starts (a wait for a connection slot included) and lasts exactly
///   `attempt_end_info::duration`, so it matches the histogram below;
/// - the histogram `http.client.request.duration` (`s`) of that duration, with
///   `http.request.method`, `server.address`, `server.port`, `network.protocol.version` and,
///   when present, `http.response.status_code` and `error.type`;
/// - the up-down counter `http.client.active_requests` (`{request}`): attempts in flight, by
///   `http.request.method`, `server.address` and `server.port`.
///
/// `http.client.open_connections` is not emitted: the seam reports no connection-pool events
/// (see \ref openai::admin::client::stats for the pool's counters).
///
/// \par Bucket boundaries
/// The conventions advise the boundaries \ref openai::admin::otel::duration_buckets for the
/// histogram, but the opentelemetry-cpp metrics API has no advisory parameters (1.19, and
/// still none upstream), so the SDK applies its default boundaries (0, 5, 10, 25, ... 10000:
/// meant for milliseconds) unless a View says otherwise. With the SDK's `MeterProvider`, add that View
/// with \ref openai::admin::otel::add_views (define `OPENAI_ADMIN_OPENTELEMETRY_SDK_VIEWS`
/// before including this header; it then includes SDK headers and needs
/// <code>opentelemetry-cpp\::metrics</code>), or by hand:
/// \code
/// namespace sdkm = opentelemetry::sdk::metrics;
/// auto config = std::make_shared<sdkm::HistogramAggregationConfig>();
/// config->boundaries_ = {0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10};
/// provider.AddView(sdkm::InstrumentSelectorFactory::Create(sdkm::InstrumentType::kHistogram,
///                                                          "http.client.request.duration", "s"),
///                  sdkm::MeterSelectorFactory::Create("openai-admin-cpp", "", ""),
///                  sdkm::ViewFactory::Create("http.client.request.duration",
///                                            "Duration of HTTP client requests.", "s",
///                                            sdkm::AggregationType::kHistogram, config));
/// \endcode
///
/// \par Thread safety
/// \ref openai::admin::observer::capture_context runs in the thread that starts an operation
/// (it reads that thread's `RuntimeContext`); every other callback runs on the client's strand.
/// The observer is immutable once made, so one may serve many clients on many threads.

#include <openai/admin/telemetry.hpp>
#include <openai/admin/version.hpp>

#include <opentelemetry/common/attribute_value.h>
#include <opentelemetry/common/key_value_iterable_view.h>
#include <opentelemetry/common/timestamp.h>
#include <opentelemetry/context/context.h>
#include <opentelemetry/context/propagation/text_map_propagator.h>
#include <opentelemetry/context/runtime_context.h>
#include <opentelemetry/metrics/meter.h>
#include <opentelemetry/metrics/meter_provider.h>
#include <opentelemetry/metrics/provider.h>
#include <opentelemetry/metrics/sync_instruments.h>
#include <opentelemetry/nostd/shared_ptr.h>
#include <opentelemetry/nostd/span.h>
#include <opentelemetry/nostd/string_view.h>
#include <opentelemetry/nostd/unique_ptr.h>
#include <opentelemetry/trace/context.h>
#include <opentelemetry/trace/propagation/http_trace_context.h>
#include <opentelemetry/trace/provider.h>
#include <opentelemetry/trace/span.h>
#include <opentelemetry/trace/span_metadata.h>
#include <opentelemetry/trace/span_startoptions.h>
#include <opentelemetry/trace/tracer.h>
#include <opentelemetry/trace/tracer_provider.h>

#include <boost/asio/error.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#if defined(OPENAI_ADMIN_OPENTELEMETRY_SDK_VIEWS)
#include <opentelemetry/sdk/metrics/aggregation/aggregation_config.h>
#include <opentelemetry/sdk/metrics/instruments.h>
#include <opentelemetry/sdk/metrics/meter_provider.h>
#include <opentelemetry/sdk/metrics/view/instrument_selector_factory.h>
#include <opentelemetry/sdk/metrics/view/meter_selector_factory.h>
#include <opentelemetry/sdk/metrics/view/view_factory.h>

#include <vector>
#endif

/// \brief The OpenTelemetry adapter (`<openai/admin/opentelemetry.hpp>`). Named `otel`, not
/// `opentelemetry`, so that `using namespace openai::admin;` does not make `opentelemetry::`
/// ambiguous in user code.
namespace openai::admin::otel {

/// \brief The instrumentation scope of the tracer and meter: `openai-admin-cpp`.
inline constexpr const char* scope_name = "openai-admin-cpp";

/// \brief The semantic conventions followed, as the scope's schema URL.
inline constexpr const char* schema_url = "https://opentelemetry.io/schemas/1.44.0";

/// \brief The bucket boundaries (seconds) the HTTP conventions advise for
/// `http.client.request.duration`. The SDK does not apply them by itself: see \ref add_views.
inline constexpr std::array<double, 14> duration_buckets = {0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25,
                                                           0.5,   0.75, 1,     2.5,  5,     7.5, 10};

/// \brief What \ref make_observer builds on. Every provider is taken when the observer is
/// made (a global one set later is not seen by it).
struct options {
    /// \brief Where spans go; null: the global one (`opentelemetry::trace::Provider`).
    ::opentelemetry::nostd::shared_ptr<::opentelemetry::trace::TracerProvider> tracer_provider{};
    /// \brief Where measurements go; null: the global one (`opentelemetry::metrics::Provider`).
    ::opentelemetry::nostd::shared_ptr<::opentelemetry::metrics::MeterProvider> meter_provider{};
    /// \brief What writes the context into each attempt's request headers; null: W3C Trace
    /// Context (`traceparent`, `tracestate`), `opentelemetry::trace::propagation::HttpTraceContext`.
    /// E.g. `opentelemetry::context::propagation::GlobalTextMapPropagator::GetGlobalPropagator()`
    /// for the program's own (with baggage, say). Only `Inject` is used; headers the request
    /// already has (`Authorization`, ...) are refused by \ref openai::admin::header_writer.
    ::opentelemetry::nostd::shared_ptr<::opentelemetry::context::propagation::TextMapPropagator> propagator{};
    /// \brief Make a span per attempt. Off: no spans, but the caller's context is still
    /// propagated.
    bool traces = true;
    /// \brief Record `http.client.request.duration` and `http.client.active_requests`.
    bool metrics = true;
};

/// \cond INTERNAL
namespace detail {

namespace ot = ::opentelemetry;

// The adapter's instruments on one MeterProvider, shared by every observer made for it: the
// 1.19 SDK keeps only the storage of the last instrument created under a name, so a second
// CreateDoubleHistogram would silently orphan the first one's measurements.
struct instruments {
    ot::nostd::shared_ptr<ot::metrics::MeterProvider> provider; // alive while these are in use
    ot::nostd::unique_ptr<ot::metrics::Histogram<double>> duration;
    ot::nostd::unique_ptr<ot::metrics::UpDownCounter<int64_t>> active;
};

// The instruments for `provider`, made once per provider (while any observer holds them).
inline std::shared_ptr<const instruments>
instruments_for(const ot::nostd::shared_ptr<ot::metrics::MeterProvider>& provider) {
    static std::mutex lock;
    static std::map<const void*, std::weak_ptr<const instruments>> made;
    const std::lock_guard<std::mutex> guard(lock);
    for (auto it = made.begin(); it != made.end();) // forget those no observer holds any more
        it = it->second.expired() ? made.erase(it) : std::next(it);
    auto& slot = made[provider.get()];
    if (auto existing = slot.lock())
        return existing; // the entry keeps its provider alive: the address is not reused
    auto meter = provider->GetMeter(scope_name, OPENAI_ADMIN_VERSION_STRING, schema_url);
    if (!meter)
        return nullptr;
    auto made_now = std::make_shared<instruments>();
    made_now->provider = provider;
    made_now->duration =
        meter->CreateDoubleHistogram("http.client.request.duration", "Duration of HTTP client requests.", "s");
    made_now->active =
        meter->CreateInt64UpDownCounter("http.client.active_requests", "Number of active HTTP requests.", "{request}");
    slot = made_now;
    return made_now;
}

// What one observer shares with all its calls; never changed after make_observer.
struct shared_state {
    ot::nostd::shared_ptr<ot::trace::Tracer> tracer;
    ot::nostd::shared_ptr<ot::context::propagation::TextMapPropagator> propagator;
    std::shared_ptr<const instruments> metrics; // null: none
    ot::metrics::Histogram<double>* duration = nullptr;
    ot::metrics::UpDownCounter<int64_t>* active = nullptr;
};

// The methods the conventions know (RFC 9110, PATCH, QUERY); any other is reported as _OTHER.
inline bool is_known_method(std::string_view m) noexcept {
    for (std::string_view k : {"GET", "POST", "DELETE", "PUT", "PATCH", "HEAD", "OPTIONS", "CONNECT", "TRACE", "QUERY"})
        if (m == k)
            return true;
    return false;
}

// A TextMapCarrier over one attempt's header_writer (Inject only).
class header_carrier final : public ot::context::propagation::TextMapCarrier {
public:
    explicit header_carrier(header_writer& w) noexcept : w_(w) {}
    ot::nostd::string_view Get(ot::nostd::string_view) const noexcept override { return {}; }
    void Set(ot::nostd::string_view key, ot::nostd::string_view value) noexcept override {
        try {
            w_.add(std::string_view(key.data(), key.size()), std::string_view(value.data(), value.size()));
        } catch (...) { // bad_alloc: the header is not sent; Set must not throw
        }
    }

private:
    header_writer& w_;
};

inline ot::nostd::string_view sv(std::string_view s) noexcept { return {s.data(), s.size()}; }

// A few attributes on the stack, viewed as a KeyValueIterable.
template <std::size_t N>
class attribute_list {
public:
    using pair = std::pair<ot::nostd::string_view, ot::common::AttributeValue>;
    void add(const char* key, ot::common::AttributeValue value) noexcept {
        if (n_ < N)
            items_[n_++] = pair(key, value);
    }
    ot::nostd::span<const pair> span() const noexcept { return {items_.data(), n_}; }

private:
    std::array<pair, N> items_{};
    std::size_t n_ = 0;
};

// One operation: its attempts' spans and measurements. Runs on the client's strand only.
class call final : public call_observer {
public:
    call(std::shared_ptr<const shared_state> s, const operation_info& op, ot::context::Context parent)
        : s_(std::move(s)), parent_(std::move(parent)), server_address_(op.server_address),
          url_(op.url), server_port_(op.server_port) {
        if (is_known_method(op.method)) {
            method_ = op.method;
            span_name_ = op.method;
        } else {
            method_ = "_OTHER";
            method_original_ = op.method;
            span_name_ = "HTTP";
        }
    }
    call(const call&) = delete;
    call& operator=(const call&) = delete;
    ~call() override { end_open_attempt(boost::asio::error::operation_aborted); }

    void attempt_started(const attempt_start_info& info, header_writer& headers) override {
        end_open_attempt(boost::asio::error::operation_aborted); // never expected: one at a time
        in_attempt_ = true;
        start_system_ = std::chrono::system_clock::now();
        start_steady_ = std::chrono::steady_clock::now();
        const unsigned resends = info.resend_count != 0 ? info.resend_count : (info.attempt > 1 ? info.attempt - 1 : 0);

        ot::context::Context ctx = parent_;
        if (s_->tracer) {
            attribute_list<7> a;
            a.add("http.request.method", sv(method_));
            if (!method_original_.empty())
                a.add("http.request.method_original", sv(method_original_));
            a.add("server.address", sv(server_address_));
            a.add("server.port", static_cast<int64_t>(server_port_));
            a.add("url.full", sv(url_));
            a.add("network.protocol.version", "1.1");
            if (resends > 0)
                a.add("http.request.resend_count", static_cast<int64_t>(resends));
            ot::trace::StartSpanOptions o;
            o.kind = ot::trace::SpanKind::kClient;
            // No span where the call was started: a root, whatever span is active on the strand's
            // thread now (the SDK would take that one for a context without a span).
            o.parent = ot::trace::GetSpan(parent_)->GetContext().IsValid()
                           ? parent_
                           : parent_.SetValue(ot::trace::kIsRootSpanKey, true);
            o.start_system_time = ot::common::SystemTimestamp(start_system_);
            o.start_steady_time = ot::common::SteadyTimestamp(start_steady_);
            span_ = s_->tracer->StartSpan(sv(span_name_), a.span(), o);
            ctx = ot::trace::SetSpan(ctx, span_);
        }
        header_carrier carrier(headers);
        s_->propagator->Inject(carrier, ctx); // traceparent carries this attempt's span id
        if (s_->active)
            s_->active->Add(1, request_attributes().span(), parent_);
    }

    void attempt_finished(const attempt_end_info& info) override {
        if (!in_attempt_)
            return;
        end_attempt(info.status, info.error, info.duration, info.peer_address, info.peer_port);
    }

    void finished(const boost::system::error_code& error) override {
        // An attempt the core did not close (abandoned mid-way) ends with the call's outcome.
        end_open_attempt(error);
    }

private:
    attribute_list<3> request_attributes() const noexcept {
        attribute_list<3> a;
        a.add("http.request.method", sv(method_));
        a.add("server.address", sv(server_address_));
        a.add("server.port", static_cast<int64_t>(server_port_));
        return a;
    }

    void end_open_attempt(const boost::system::error_code& error) noexcept {
        if (in_attempt_)
            end_attempt(0, error, std::chrono::steady_clock::now() - start_steady_, {}, 0);
    }

    void end_attempt(unsigned status, const boost::system::error_code& error, std::chrono::nanoseconds duration,
                     std::string_view peer_address, std::uint16_t peer_port) noexcept {
        in_attempt_ = false;
        if (duration <= std::chrono::nanoseconds::zero())
            duration = std::chrono::steady_clock::now() - start_steady_;

        // error.type: an error status, or a transport error; never a caller's cancellation.
        std::string error_type;
        const bool cancelled = error == boost::asio::error::operation_aborted && status < 400;
        if (!cancelled && (status >= 400 || error)) {
            try {
                error_type = error_type_of(status, error);
            } catch (...) {
            }
            if (error_type.empty())
                error_type = status >= 400 ? std::to_string(status) : "_OTHER";
        }

        ot::context::Context ctx = parent_;
        if (span_) {
            if (status != 0)
                span_->SetAttribute("http.response.status_code", static_cast<int64_t>(status));
            if (!peer_address.empty()) {
                span_->SetAttribute("network.peer.address", sv(peer_address));
                if (peer_port != 0)
                    span_->SetAttribute("network.peer.port", static_cast<int64_t>(peer_port));
            }
            if (!error_type.empty()) {
                span_->SetAttribute("error.type", sv(error_type));
                // The status code says it all for an error response; else say what failed.
                std::string description;
                if (status < 400 && error) {
                    try {
                        description = error.message();
                    } catch (...) {
                    }
                }
                span_->SetStatus(ot::trace::StatusCode::kError, sv(description));
            }
            ctx = ot::trace::SetSpan(ctx, span_);
            ot::trace::EndSpanOptions eo;
            // The span lasts exactly what the histogram records.
            eo.end_steady_time = ot::common::SteadyTimestamp(
                start_steady_ + std::chrono::duration_cast<std::chrono::steady_clock::duration>(duration));
            span_->End(eo);
            span_ = nullptr;
        }
        if (s_->active)
            s_->active->Add(-1, request_attributes().span(), parent_);
        if (s_->duration) {
            attribute_list<6> a;
            a.add("http.request.method", sv(method_));
            a.add("server.address", sv(server_address_));
            a.add("server.port", static_cast<int64_t>(server_port_));
            a.add("network.protocol.version", "1.1");
            if (status != 0)
                a.add("http.response.status_code", static_cast<int64_t>(status));
            if (!error_type.empty())
                a.add("error.type", sv(error_type));
            s_->duration->Record(std::chrono::duration<double>(duration).count(), a.span(), ctx);
        }
    }

    std::shared_ptr<const shared_state> s_;
    ot::context::Context parent_;
    std::string method_, method_original_, span_name_, server_address_, url_;
    std::uint16_t server_port_ = 0;
    ot::nostd::shared_ptr<ot::trace::Span> span_{};
    bool in_attempt_ = false;
    std::chrono::system_clock::time_point start_system_{};
    std::chrono::steady_clock::time_point start_steady_{};
};

class observer final : public admin::observer {
public:
    explicit observer(std::shared_ptr<const shared_state> s) noexcept : s_(std::move(s)) {}

    // In the caller's thread: its current context (and so its active span) for start_call.
    std::shared_ptr<void> capture_context() override {
        return std::make_shared<ot::context::Context>(ot::context::RuntimeContext::GetCurrent());
    }

    std::unique_ptr<call_observer> start_call(const operation_info& op, std::shared_ptr<void> context) override {
        ot::context::Context parent;
        if (context)
            parent = *static_cast<const ot::context::Context*>(context.get());
        return std::make_unique<call>(s_, op, std::move(parent));
    }

private:
    std::shared_ptr<const shared_state> s_;
};

} // namespace detail
/// \endcond

/// \brief An observer for \ref openai::admin::client_config::observer that traces and measures
/// every attempt of the client's operations (see the file's description for what it emits).
/// Takes the providers and gets the tracer and the instruments now. Observers made for one
/// MeterProvider share its instruments (creating them twice would lose measurements with the
/// 1.19 SDK), so making one observer per client is fine.
///
/// \par Thread safety
/// The observer is immutable once made: one may serve many clients on many threads.
///
/// \par Object lifetimes
/// Each observer keeps its providers (and propagator) alive.
inline std::shared_ptr<admin::observer> make_observer(options opts = {}) {
    namespace ot = ::opentelemetry;
    auto s = std::make_shared<detail::shared_state>();
    if (opts.traces) {
        auto tp = opts.tracer_provider ? opts.tracer_provider : ot::trace::Provider::GetTracerProvider();
        if (tp)
            s->tracer = tp->GetTracer(scope_name, OPENAI_ADMIN_VERSION_STRING, schema_url);
    }
    s->propagator = opts.propagator ? opts.propagator
                                    : ot::nostd::shared_ptr<ot::context::propagation::TextMapPropagator>(
                                          new ot::trace::propagation::HttpTraceContext());
    if (opts.metrics) {
        auto mp = opts.meter_provider ? opts.meter_provider : ot::metrics::Provider::GetMeterProvider();
        if (mp)
            s->metrics = detail::instruments_for(mp);
        if (s->metrics) {
            s->duration = s->metrics->duration.get();
            s->active = s->metrics->active.get();
        }
    }
    return std::make_shared<detail::observer>(std::move(s));
}

#if defined(OPENAI_ADMIN_OPENTELEMETRY_SDK_VIEWS) || defined(OPENAI_ADMIN_DOXYGEN)
/// \brief Adds to an SDK `MeterProvider` the View that gives `http.client.request.duration`
/// the conventions' boundaries (\ref duration_buckets), which the API cannot carry as advice.
/// Call it before the first measurement. Only with `OPENAI_ADMIN_OPENTELEMETRY_SDK_VIEWS`
/// defined before this header is included (it needs the SDK's headers and
/// <code>opentelemetry-cpp\::metrics</code>).
inline void add_views(::opentelemetry::sdk::metrics::MeterProvider& provider) {
    namespace sdkm = ::opentelemetry::sdk::metrics;
    auto config = std::make_shared<sdkm::HistogramAggregationConfig>();
    config->boundaries_ = std::vector<double>(duration_buckets.begin(), duration_buckets.end());
    provider.AddView(
        sdkm::InstrumentSelectorFactory::Create(sdkm::InstrumentType::kHistogram, "http.client.request.duration", "s"),
        sdkm::MeterSelectorFactory::Create(scope_name, "", ""),
        sdkm::ViewFactory::Create("http.client.request.duration", "Duration of HTTP client requests.", "s",
                                  sdkm::AggregationType::kHistogram, config));
}
#endif

} // namespace openai::admin::otel

#endif
