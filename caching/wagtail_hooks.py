from wagtail import hooks

from .csrf import check_page_post

# Django's CSRF check for pages that do not check their own posts (caching.csrf).
hooks.register("before_serve_page", check_page_post)
