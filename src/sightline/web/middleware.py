"""Responses to signed-in users are never stored by a browser or a proxy.

Every page a signed-in user sees may name children (a worklist, an IG log, a child's record),
so every authenticated response says ``Cache-Control: no-store``: after sign-out, the back
button or a shared proxy cannot show it again. One rule in one place, rather than a decorator
each view must remember.
"""

from django.utils.cache import add_never_cache_headers, patch_cache_control


class NoStoreForSignedInMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response
