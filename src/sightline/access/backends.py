"""Authentication backend that refuses sign-in while an account is locked out (django-axes)."""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lock-out check, skipped for sign-ins made without a request.

    Every sign-in over the network comes with a request. Those without one are made in-process
    (management commands, the test client's `login()`), where django-axes would refuse to work
    at all; there is nobody to lock out there.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
