"""Management oversight records: oversight entries on a child and supervision of workers."""
