"""The Streamlit glue, one module per job: frame (what every page is drawn in), language,
errors (the one database page), reads (the one cached read), writes (the one way a button
writes), widgets, display, sign_in, and one module per page's own parts (editing,
target_parts, task_parts, user_parts, report_button). cookie_routes are the server's.

Only this folder, pages/ and dashboard.py import streamlit.
"""
