"""Visualisations of the attribution graph; see :mod:`kg.viz.html`."""

from kg.viz.html import filter_records, record_names, render_html, render_store, write_html

__all__ = ["filter_records", "record_names", "render_html", "render_store", "write_html"]
