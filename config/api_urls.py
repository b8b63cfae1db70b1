"""/api/: the REST API v1 router (API.md), the OpenAPI schema and Swagger UI (served offline).

Other parts of the API (progress, tasks, reports, imports) register on the
same `router` or add paths to `v1_urlpatterns`.
"""

from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from indicators.api import DataValueViewSet, IndicatorViewSet, PeriodViewSet, SubmissionViewSet, TargetViewSet
from resolutions.api import PillarViewSet, ResolutionViewSet
from resolutions.api_supervision import register as register_supervision
from units.api import (
    ObtainTokenView,
    ReorganisationViewSet,
    TokenDetailView,
    TokenListView,
    UnitViewSet,
    UserViewSet,
)

router = DefaultRouter()
router.register("units", UnitViewSet, basename="unit")
router.register("reorganisations", ReorganisationViewSet, basename="reorganisation")
router.register("users", UserViewSet, basename="user")
router.register("resolutions", ResolutionViewSet, basename="resolution")
router.register("pillars", PillarViewSet, basename="pillar")
router.register("indicators", IndicatorViewSet, basename="indicator")
router.register("targets", TargetViewSet, basename="target")
router.register("periods", PeriodViewSet, basename="period")
router.register("values", DataValueViewSet, basename="value")
router.register("submissions", SubmissionViewSet, basename="submission")
register_supervision(router)  # tasks, supervisions, visits, findings

v1_urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("auth/tokens/", TokenListView.as_view(), name="api-tokens"),
    path("auth/tokens/<str:key>/", TokenDetailView.as_view(), name="api-token-detail"),
    path("", include("reports.dashboards.api")),  # progress, progress/units, completeness
    path("", include("reports.runs.api")),  # reports: request, status, download
    path("", include("reports.excel.api")),  # Excel template and import
    path("", include("resolutions.target_api")),  # targets read from a resolution's text
    path("", include(router.urls)),
]

urlpatterns = [
    path("v1/", include(v1_urlpatterns)),
    # Signed-in users only (SPECTACULAR_SETTINGS["SERVE_PERMISSIONS"]): the schema maps every operation;
    # the docs page sends a browser to the sign-in page first. Swagger UI's own script is a file (the
    # split view), not inline, for the Content-Security-Policy.
    path("schema/", SpectacularAPIView.as_view(schema=None), name="api-schema"),  # not an operation of itself
    path("docs/", login_required(SpectacularSwaggerSplitView.as_view(url_name="api-schema")), name="api-docs"),
]
