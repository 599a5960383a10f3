"""Template context for every page: the navigation a user's roles give, and the missing-report banner."""
from uof.access.policy import may
from uof.reports.missing import missing_reports


def navigation(request) -> dict:
    user = request.user
    public = ("public:index", "Published figures", "public")
    if not user.is_authenticated:
        return {"nav_items": [public], "missing_count": 0}

    items = [("reports:mine", "My reports", "mine"), ("reports:new", "Record use of force", "new")]
    if may(user, "review_queue"):
        items.append(("review:queue", "Review", "review"))
    if may(user, "compliance"):
        items += [("review:missing", "Missing reports", "missing"), ("review:compliance", "Compliance", "compliance")]
    if may(user, "statistics"):
        items.append(("stats:index", "Statistics", "stats"))
    if may(user, "publish"):
        items.append(("publish:index", "Publish", "publish"))
    items.append(public)
    if may(user, "audit_log"):
        items.append(("audit:log", "Audit log", "audit"))
    overdue = missing_reports(officer=user).filter(overdue=True).count()
    return {"nav_items": items, "missing_count": overdue}
