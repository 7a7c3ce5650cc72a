// Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#ifndef OPENAI_ADMIN_DETAIL_RESOURCE_HPP
#define OPENAI_ADMIN_DETAIL_RESOURCE_HPP

#include <openai/admin/detail/async_run.hpp>
#include <openai/admin/detail/client_impl.hpp>
#include <openai/admin/detail/protocol.hpp>
#include <openai/admin/detail/upload_recovery.hpp>

#include <memory>
#include <utility>

namespace openai::admin::detail {

// build -> send -> decode, for every operation that returns one object.
template <class T>
asio::awaitable<op_result<T>> request_op(std::shared_ptr<client_impl> impl, request_spec spec, request_options opts,
                                         diagnostics* diag, outcome_check* check = nullptr) {
    op_result<T> out;
    auto r = co_await impl->send(spec, opts, diag, check);
    out.first = r.ec ? r.ec : decode_body(r.body, out.second, diag);
    co_return out;
}

// request_op for an upload: an ambiguous failure is checked before any retry (upload_check),
// and the certificate returned is remembered, so that no later check mistakes it for its own.
inline asio::awaitable<op_result<certificate>> upload_op(std::shared_ptr<client_impl> impl, request_spec spec,
                                                         upload_check check, request_options opts,
                                                         diagnostics* diag) {
    auto out = co_await request_op<certificate>(impl, std::move(spec), opts, diag, &check);
    if (!out.first)
        impl->remember_upload(out.second.id);
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

    template <class CompletionToken>
    auto run_upload(const upload_params& params, diagnostics* diag, CompletionToken&& token) const {
        return async_run<certificate>(
            impl_->get_executor(), diag,
            [impl = impl_, spec = upload_request(params), check = upload_check(params, opts_),
             opts = opts_](diagnostics* d) mutable {
                return upload_op(std::move(impl), std::move(spec), std::move(check), opts, d);
            },
            std::forward<CompletionToken>(token));
    }

    std::shared_ptr<client_impl> impl_;
    request_options opts_;
};

} // namespace openai::admin::detail

#endif
