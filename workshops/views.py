from django.shortcuts import render


def finder(request):
    # Placeholder until the finder issue lands.
    return render(request, "workshops/finder.html", {})


def detail(request, pk):
    raise NotImplementedError  # the finder issue


def enrollment(request, token):
    raise NotImplementedError  # the sign-up issue
