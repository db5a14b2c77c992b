"""Mail Flow KB generator: structured error entries -> bilingual MkDocs site."""
