from pages.views import page


def districts(request):
    # Placeholder until the inquiry issue lands: the page's text without the form.
    return page(request, "/educate/districts")
