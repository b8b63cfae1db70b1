"""What readers look at: the home page, dashboards, indicator pages, drill-downs and completeness (views,
urls, selectors, charts), the progress API (api) and the worker's refill of the figure cache (warmup, tasks)."""
