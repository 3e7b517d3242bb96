"""Documents on a child's record: uploaded with type and size checks, kept outside the web root,
downloaded only through the record's audited gate."""
