def absolute_url(page, request=None):
    """The page's address as the reader reached the site (scheme, host and port of the request),
    like the hreflang links in base.html; Wagtail's Site settings where there is no request."""
    if request is None:
        return page.get_full_url()
    return request.build_absolute_uri(page.get_url(request))
