from django.shortcuts import render


def finder(request):
    # Placeholder until the finder issue lands.
    return render(request, "workshops/finder.html", {})
