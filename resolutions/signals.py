"""Events of the supervision module that other apps (reports' notifications) listen to.

resolutions never imports reports: it sends these, reports connects receivers.
"""

from django.dispatch import Signal

# A recommendation (a Task of a visit) was given to a lead unit: task.
recommendation_assigned = Signal()
