// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
//
// Precompiled header of openai_admin_otel_tests: the core tests' heavy headers, the adapter and
// the opentelemetry-cpp SDK headers the tests use. OPENAI_ADMIN_OPENTELEMETRY_SDK_VIEWS is a
// compile definition of the target, so the adapter's add_views is in here too.
#ifndef OPENAI_ADMIN_OTEL_TESTS_PCH_HPP
#define OPENAI_ADMIN_OTEL_TESTS_PCH_HPP

#include "../pch.hpp"

#include <openai/admin/opentelemetry.hpp>

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

#endif
