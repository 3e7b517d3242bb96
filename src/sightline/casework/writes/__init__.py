"""Writes to the child's journey added with the recording screens (issue 10), one module per
stage: ``assessment`` (completion and authorisation) and ``protection`` (strategy discussion,
section 47 enquiry, conferences and the plan). Each is an action (``sightline.actions``); the
keyword-only functions are the way in for views, commands and tests."""
