"""Drafts: what a user has typed into a recording form, saved on the server as they type."""
