// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_DETAIL_RESOURCE_HPP
#define OPENAI_ADMIN_DETAIL_RESOURCE_HPP

#include <openai/admin/detail/operations.hpp>
#include <openai/admin/detail/requests.hpp>

#include <boost/asio/async_result.hpp>

#include <memory>
#include <utility>

namespace openai::admin::detail {

// What the resource handles share: the client, the per-call options, and the one way to
// start a request. The request is built (and its arguments copied) when the operation is
// called; a refused argument completes through the same path, nothing sent.
class resource_base {
public:
    resource_base(std::shared_ptr<client_impl> impl, const request_options& opts)
        : impl_(std::move(impl)), opts_(opts) {}

protected:
    template <class T, class CompletionToken>
    auto run(request_spec spec, diagnostics* diag, CompletionToken&& token) const {
        return boost::asio::async_initiate<CompletionToken, void(error_code, T)>(
            request_initiation<T>{{impl_}, std::move(spec), opts_}, token, diag);
    }

    template <class CompletionToken>
    auto run_upload(const upload_params& params, diagnostics* diag, CompletionToken&& token) const {
        return boost::asio::async_initiate<CompletionToken, void(error_code, certificate)>(
            upload_initiation{{impl_}, upload_request(params), upload_facts_of(params), opts_}, token, diag);
    }

    std::shared_ptr<client_impl> impl_;
    request_options opts_;
};

} // namespace openai::admin::detail

#endif
