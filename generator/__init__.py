"""news-digest: raw news dumps in, a curated static news site out."""
