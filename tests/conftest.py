"""Fixtures shared by the whole suite. Each area keeps its own fixtures in its folder's conftest."""
