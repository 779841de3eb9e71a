"""Forms of the strategy pages. The rules are in the services; these check types for comfort."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from booking.forms import Form
from booking.labels import choices
from booking.metrics.registry import ScopeKind, all_metrics
from booking.strategy.models import PointKind
from booking.strategy.planfile import MAX_FILE_BYTES


def required() -> InputRequired:
    return InputRequired(message=_l("This field is required."))


class PlanForm(Form):
    name = StringField(_l("Name"), validators=[required(), Length(max=200)])
    first_year = StringField(_l("First year"), validators=[required()])
    last_year = StringField(_l("Last year"), validators=[required()])
    copy_from = SelectField(_l("Copy the actions of"), choices=[], validate_choice=False)


class ImportForm(Form):
    file = FileField(
        _l("Plan file (CSV or Excel)"),
        description=_l("The columns of the action plan: nr, kommunalbestyrelsens_strategi, …, status_2024_06. "
                       "At most %(n)d MB.", n=MAX_FILE_BYTES // 1024 // 1024),
    )
    plan = SelectField(_l("Import into"), choices=[], validate_choice=False)
    name = StringField(_l("Name of the new plan"), validators=[Optional(), Length(max=200)],
                       description=_l("Leave empty for “Handlingsplan <first year>–<last year>”."))


class ConfirmImportForm(Form):
    token = HiddenField()
    plan = HiddenField()
    name = HiddenField()


SCOPE_LABELS = {
    ScopeKind.ALL: _l("The whole library"),
    ScopeKind.LOCATION: _l("One place"),
    ScopeKind.ROOM: _l("One room"),
    ScopeKind.ORGANISATION: _l("One organisation"),
    ScopeKind.ORGANISATION_TYPE: _l("A kind of organisation"),
    ScopeKind.COMMUNITY: _l("One community"),
    ScopeKind.ACTIVITY_CATEGORY: _l("An activity category"),
    ScopeKind.TARGET_GROUP: _l("A target group"),
}


class PointForm(Form):
    description = TextAreaField(_l("Measurement point"), validators=[required(), Length(max=2000)])
    kind = SelectField(_l("Measured by"), choices=lambda: choices(PointKind))
    metric_key = SelectField(_l("Figure"), choices=[], validate_choice=False)
    scope_kind = SelectField(_l("Covering"), choices=lambda: [(k.value, label) for k, label in SCOPE_LABELS.items()])
    scope_value = StringField(
        _l("Which"), validators=[Optional(), Length(max=64)],
        description=_l("For a place or room its number; for a target group e.g. children or young."),
    )
    target_min = StringField(_l("Target per year, from"), validators=[Optional()])
    target_max = StringField(_l("Target per year, up to"), validators=[Optional()])
    reference_label = StringField(
        _l("Reference figure"), validators=[Optional(), Length(max=200)],
        description=_l("What the figure is compared with, e.g. the municipality's number of children 0–17."),
    )

    def set_metric_choices(self, current: str | None) -> None:
        options = [("", _l("(none)"))] + [(m.key, f"{m.label} ({m.key})") for m in all_metrics()]
        if current and current not in {key for key, _label in options}:
            options.append((current, _l("%(key)s (not available yet)", key=current)))
        self.metric_key.choices = options


class ExternalFigureForm(Form):
    year = StringField(_l("Year"), validators=[required()])
    half = SelectField(_l("Half year"), choices=lambda: [("1", _l("January–June")), ("2", _l("July–December"))])
    value = StringField(_l("Figure"), validators=[required()])


class ReferenceFigureForm(Form):
    year = StringField(_l("Year"), validators=[required()])
    reference = StringField(_l("Reference figure"), validators=[required()])


class OwnerForm(Form):
    owner_id = SelectField(_l("Owner (staff member)"), choices=[], validate_choice=False)


class FilterForm(Form):
    class Meta(Form.Meta):
        csrf = False

    theme = SelectField(_l("Strategy theme"), choices=[], validate_choice=False)
    owner = SelectField(_l("Owner"), choices=[], validate_choice=False)
    state = SelectField(_l("State"), choices=[], validate_choice=False)

