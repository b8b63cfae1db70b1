"""/theo-doi/nghi-quyet/<id>/doc-chi-tieu/: targets read from a resolution's own text (admins)."""

from django.urls import path

from . import target_views

urlpatterns = [
    path("theo-doi/nghi-quyet/<int:pk>/doc-chi-tieu/", target_views.read_targets_page, name="resolution-read-targets"),
    path("theo-doi/nghi-quyet/<int:pk>/doc-chi-tieu/mau-phu-luc/", target_views.appendix_template,
         name="resolution-targets-appendix"),
]
