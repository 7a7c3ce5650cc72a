// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// Tracing and measuring the SDK with OpenTelemetry (<openai/admin/opentelemetry.hpp>): spans
// and metrics go to the console (opentelemetry-cpp's ostream exporters). The Admin API is the
// testing kit's fake server, in this process (HTTPS on loopback), with one 503 scripted so that
// a retry shows as a second attempt span. A parent span covers the work; every request carries
// a `traceparent` of its own attempt span in that trace, which the example checks at the end.
//
//   tracing            exits 0 when the calls worked and the trace is whole, 1 otherwise
//
// Built only where opentelemetry-cpp is found (Debian 13: opentelemetry-cpp-dev).

// For openai::admin::otel::add_views (the histogram's bucket boundaries; needs the SDK).
#ifndef OPENAI_ADMIN_OPENTELEMETRY_SDK_VIEWS
#define OPENAI_ADMIN_OPENTELEMETRY_SDK_VIEWS
#endif
#include <openai/admin.hpp>
#include <openai/admin/opentelemetry.hpp>
#include <openai/admin/testing.hpp>

#include <opentelemetry/exporters/ostream/metric_exporter_factory.h>
#include <opentelemetry/exporters/ostream/span_exporter_factory.h>
#include <opentelemetry/metrics/provider.h>
#include <opentelemetry/sdk/metrics/export/periodic_exporting_metric_reader_factory.h>
#include <opentelemetry/sdk/metrics/meter_provider.h>
#include <opentelemetry/sdk/metrics/meter_provider_factory.h>
#include <opentelemetry/sdk/metrics/view/view_registry_factory.h>
#include <opentelemetry/sdk/resource/resource.h>
#include <opentelemetry/sdk/trace/simple_processor_factory.h>
#include <opentelemetry/sdk/trace/tracer_provider.h>
#include <opentelemetry/sdk/trace/tracer_provider_factory.h>
#include <opentelemetry/trace/provider.h>
#include <opentelemetry/trace/scope.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <exception>
#include <iostream>
#include <memory>
#include <string>

namespace asio = boost::asio;
namespace oa = openai::admin;
namespace oat = openai::admin::testing;
namespace ot = opentelemetry;

namespace {

// The work to trace: an upload, a listing (its first attempt gets the scripted 503) and a get.
asio::awaitable<void> tour(oa::client api) {
    auto certs = api.certificates();
    auto cert = co_await certs.async_upload({.certificate = oat::make_ca_pem(), .name = "traced CA"},
                                            asio::use_awaitable);
    auto list = certs.list({.limit = 10});
    auto page = co_await list.async_next_page(asio::use_awaitable);
    auto again = co_await certs.async_get(cert.id, {}, asio::use_awaitable);
    std::cout << "uploaded " << cert.id << ", " << (page ? page->data.size() : 0) << " on the first page, got "
              << again.id << "\n";
}

// The trace id in a `traceparent` header (00-TRACEID-SPANID-FLAGS).
std::string trace_id_of(const std::string& traceparent) {
    return traceparent.size() == 55 ? traceparent.substr(3, 32) : std::string();
}

} // namespace

int main() {
    try {
        // Spans to stdout as they end; metrics to stdout when flushed. The SDK's providers
        // become the global ones, which make_observer() takes by default.
        const auto resource = ot::sdk::resource::Resource::Create({{"service.name", "tracing-example"}});
        auto tracer_provider = std::shared_ptr<ot::sdk::trace::TracerProvider>(ot::sdk::trace::TracerProviderFactory::Create(
            ot::sdk::trace::SimpleSpanProcessorFactory::Create(ot::exporter::trace::OStreamSpanExporterFactory::Create(std::cout)),
            resource));
        ot::trace::Provider::SetTracerProvider(ot::nostd::shared_ptr<ot::trace::TracerProvider>(
            std::shared_ptr<ot::trace::TracerProvider>(tracer_provider)));
        auto meter_provider = std::shared_ptr<ot::sdk::metrics::MeterProvider>(
            ot::sdk::metrics::MeterProviderFactory::Create(ot::sdk::metrics::ViewRegistryFactory::Create(), resource));
        oa::otel::add_views(*meter_provider); // the HTTP conventions' buckets for the duration histogram
        ot::sdk::metrics::PeriodicExportingMetricReaderOptions reader_options;
        reader_options.export_interval_millis = std::chrono::seconds(60);
        reader_options.export_timeout_millis = std::chrono::seconds(5);
        meter_provider->AddMetricReader(ot::sdk::metrics::PeriodicExportingMetricReaderFactory::Create(
            ot::exporter::metrics::OStreamMetricExporterFactory::Create(std::cout), reader_options));
        ot::metrics::Provider::SetMeterProvider(ot::nostd::shared_ptr<ot::metrics::MeterProvider>(
            std::shared_ptr<ot::metrics::MeterProvider>(meter_provider)));

        // The fake Admin API, in this process; the first listing gets a 503 (retried).
        oat::fake_server server;
        server.seed_certificates(2);
        server.inject("listOrganizationCertificates", oat::fault::unavailable());

        // The wiring: one line on the configuration.
        auto cfg = server.client_config();
        cfg.observer = oa::otel::make_observer();
        asio::io_context io;
        oa::client api(io, cfg);

        // The parent span, active in this thread while the calls are started: their attempt
        // spans become its children. (A Scope is thread-local: in a program where many
        // coroutines share a thread, activate a span only around starting a call.)
        auto tracer = ot::trace::Provider::GetTracerProvider()->GetTracer("tracing-example");
        auto parent = tracer->StartSpan("rotate edge CA");
        std::exception_ptr failure;
        {
            ot::trace::Scope active(parent);
            asio::co_spawn(io, tour(api), [&](std::exception_ptr e) { failure = e; });
            io.run();
        }
        parent->End();
        if (failure)
            std::rethrow_exception(failure);

        // What the server saw: each request carried a traceparent in the parent's trace.
        char trace_hex[32];
        parent->GetContext().trace_id().ToLowerBase16(ot::nostd::span<char, 32>(trace_hex, sizeof trace_hex));
        const std::string trace_id(trace_hex, sizeof trace_hex);
        int bad = 0;
        const auto requests = server.requests();
        for (const auto& r : requests) {
            const auto tp = r.header("traceparent").value_or("");
            std::cout << r.method << " " << r.target << "  traceparent: " << (tp.empty() ? "(none)" : tp) << "\n";
            if (trace_id_of(tp) != trace_id)
                ++bad;
        }
        meter_provider->ForceFlush();
        tracer_provider->ForceFlush();
        if (requests.size() != 4 || bad != 0) { // upload, list (503), list, get
            std::cerr << "tracing: expected 4 requests in trace " << trace_id << ", got " << requests.size()
                      << " (" << bad << " outside it)\n";
            return 1;
        }
        std::cout << "tracing: 4 requests, all in trace " << trace_id << "\n";
        return 0; // the global providers shut down (and flush) at exit
    } catch (const std::exception& e) {
        std::cerr << "tracing: " << e.what() << "\n";
        return 1;
    }
}
