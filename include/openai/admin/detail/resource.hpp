// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_DETAIL_RESOURCE_HPP
#define OPENAI_ADMIN_DETAIL_RESOURCE_HPP

#include <openai/admin/detail/async_run.hpp>
#include <openai/admin/detail/client_impl.hpp>
#include <openai/admin/detail/protocol.hpp>

#include <memory>
#include <utility>

namespace openai::admin::detail {

// build -> send -> decode, for every operation that returns one object.
template <class T>
asio::awaitable<op_result<T>> request_op(std::shared_ptr<client_impl> impl, request_spec spec, request_options opts,
                                         diagnostics* diag) {
    op_result<T> out;
    auto r = co_await impl->send(spec, opts, diag);
    out.first = r.ec ? r.ec : decode_body(r.body, out.second, diag);
    co_return out;
}

// What the resource handles share: the client, the per-call options, and the one way to
// start a request.
class resource_base {
public:
    resource_base(std::shared_ptr<client_impl> impl, const request_options& opts)
        : impl_(std::move(impl)), opts_(opts) {}

protected:
    template <class T, class CompletionToken>
    auto run(request_spec spec, diagnostics* diag, CompletionToken&& token) const {
        return async_run<T>(
            impl_->get_executor(), diag,
            [impl = impl_, spec = std::move(spec), opts = opts_](diagnostics* d) mutable {
                return request_op<T>(std::move(impl), std::move(spec), opts, d);
            },
            std::forward<CompletionToken>(token));
    }

    std::shared_ptr<client_impl> impl_;
    request_options opts_;
};

} // namespace openai::admin::detail

#endif
