"""What a decision letter says about the legal rules of a transfer, by employment form and basis.

An overenskomst employee's transfer follows the transfer of undertakings act
(virksomhedsoverdragelsesloven, VOL): by law, by the municipalities' agreement, or not at all
where the transition rests on another basis (`Transition.legal_basis`: vol, aftale, andet).
A civil servant (tjenestemand) is not covered by VOL whatever the basis (LEGAL-NOTES §1.1,
§1.5): the receiving municipality offers a suitable post (passende stilling, tjenestemandsloven
§ 12); one who declines it has a civil servant's rights when the post is abolished
(rådighedsløn for up to three years, TL § 32, or ventepenge or pension as the rules give);
and the pension is shared between the employers by the years of service with each. The
letters say that HR confirms each person's rights: the municipal rules (KL's regulativ) vary.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from overgang.core.domain import Employee, EmploymentForm

# Transition.legal_basis's values (web/process/models.LegalBasis); the reports import no web.
BY_LAW = "vol"
BY_AGREEMENT = "aftale"
OTHER_BASIS = "andet"


def is_civil_servant(employee: Employee) -> bool:
    return employee.employment_form is EmploymentForm.CIVIL_SERVANT


def decision_paragraph(employee: Employee, municipality: str, day: str) -> str:
    """Return the paragraph that tells a transferring employee the decision."""
    if is_civil_servant(employee):
        return _(
            "The decision: %(municipality)s offers you a suitable post (passende stilling) from "
            "%(day)s, and your employment as a civil servant continues there if you accept it."
        ) % {"municipality": municipality, "day": day}
    return _(
        "The decision: you transfer to %(municipality)s on %(day)s. Your employment "
        "continues there from that date."
    ) % {"municipality": municipality, "day": day}


def transfer_paragraphs(
    employee: Employee,
    *,
    host: str,
    municipality: str,
    legal_basis: str = BY_LAW,
    legal_basis_note: str = "",
) -> list[str]:
    """Return what the transfer means for the employee's terms, under the rules that govern it."""
    if is_civil_servant(employee):
        return _civil_servant_paragraphs(host, municipality)
    if legal_basis == OTHER_BASIS:
        # Not the act, by law or by agreement: say so, and name the basis where it is recorded.
        note = legal_basis_note.strip().rstrip(".")
        basis = (
            _(
                "The transfer does not rest on the act on employees' rights when an undertaking "
                "is transferred (virksomhedsoverdragelsesloven), but on another basis: %(note)s."
            )
            % {"note": note}
            if note
            else _(
                "The transfer does not rest on the act on employees' rights when an undertaking "
                "is transferred (virksomhedsoverdragelsesloven), but on another basis."
            )
        )
        return [
            basis
            + " "
            + _(
                "HR will go through with you what it means for your pay, your terms and your "
                "seniority."
            )
        ]
    consequences = _(
        "It means that %(municipality)s takes over the rights and obligations of your "
        "employment as they are on the day of the transfer: your pay, your terms and your "
        "seniority continue unchanged, and the collective agreement that covers you today goes "
        "with you. The transfer is not in itself a reason for dismissal."
    ) % {"municipality": municipality}
    if legal_basis == BY_AGREEMENT:
        return [
            _(
                "The municipalities have agreed to apply the act on employees' rights when an "
                "undertaking is transferred (virksomhedsoverdragelsesloven) to the transfer."
            )
            + " "
            + consequences
        ]
    # By law: the wording every letter had before the basis was recorded, kept word for word.
    return [
        _(
            "The transfer follows the act on employees' rights when an undertaking is "
            "transferred (virksomhedsoverdragelsesloven). It means that %(municipality)s "
            "takes over the rights and obligations of your employment as they are on "
            "the day of the transfer: your pay, your terms and your seniority continue "
            "unchanged, and the collective agreement that covers you today goes with "
            "you. The transfer is not in itself a reason for dismissal."
        )
        % {"municipality": municipality}
    ]


def _civil_servant_paragraphs(host: str, municipality: str) -> list[str]:
    return [
        _(
            "You are employed as a civil servant (tjenestemand). The act on employees' rights "
            "when an undertaking is transferred does not cover civil servants; your transfer "
            "follows the rules for civil servants. %(municipality)s must offer you a suitable "
            "post (passende stilling): a post equivalent to the one you hold, on your terms as "
            "a civil servant (tjenestemandsloven § 12)."
        )
        % {"municipality": municipality},
        _(
            "You may decline the post. You then have the rights of a civil servant whose post "
            "is abolished: your present pay for up to three years (rådighedsløn, "
            "tjenestemandsloven § 32), or ventepenge or pension, as the rules that cover you "
            "provide. Rådighedsløn is not paid if you decline a post you are obliged to accept, "
            "so please talk to HR before you answer."
        ),
        _(
            "Your civil servant's pension is shared between %(host)s and %(municipality)s by the "
            "years of pensionable service you have earned with each of them."
        )
        % {"host": host, "municipality": municipality},
        _(
            "HR will confirm your rights as a civil servant with you personally: your post, "
            "your pay, your pension and what declining the post would mean for you."
        ),
    ]
