"""REST plumbing the apps' APIs share: pagination, strict input, errors, conditional requests, schema."""
