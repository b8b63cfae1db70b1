from django.urls import path

from . import views

urlpatterns = [
    path("ky-bao-cao/", views.periods, name="periods"),
    path("cho-duyet/", views.approval_queue, name="approval-queue"),
    path("cho-duyet/duyet/", views.approve_many, name="approve-many"),
    path("don-vi/chon/", views.pick_unit, name="pick-unit"),
    path("ky-bao-cao/<str:code>/khoa-so/", views.period_lock, name="period-lock"),
    path("ky-bao-cao/<str:code>/<int:unit_id>/", views.entry_form, name="entry"),
    path("ky-bao-cao/<str:code>/<int:unit_id>/truc-thuoc/", views.children_grid, name="entry-children"),
    path(
        "ky-bao-cao/<str:code>/<int:unit_id>/<str:action>/",
        views.submission_action,
        name="submission-action",
    ),
    path("so-lieu/kiem-tra/", views.check_figures, name="check-figures"),
    path("so-lieu/luu-tu-dong/", views.autosave_row, name="autosave-row"),
    path("so-lieu/<int:value_id>/lich-su/", views.history, name="value-history"),
    path("minh-chung/<int:evidence_id>/", views.evidence_file, name="evidence"),
]
