"""The dashboard: HTML templates, static JavaScript/CSS and vendored map assets (docs/dashboard.md)."""
