"""The child's Care page (``page``) and the looked-after recording screens (``screens``)."""

from sightline.care.views.page import child_care
from sightline.care.views.screens import SCREENS, screen_views

__all__ = ["SCREENS", "child_care", "screen_views"]
