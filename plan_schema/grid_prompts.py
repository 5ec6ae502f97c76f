"""What the 2008/09 guidance suggests planners consider for each grid (its Appendix 1), in our words.

Neither exhaustive nor mandatory: the Part 3 page shows them as hints beside each standard grid, and
the cross-cutting reminders beside every grid, local ones included.
"""

CROSS_CUTTING_PROMPTS: tuple[str, ...] = (
    "Workforce: training and professional development that the improvements depend on.",
    "Service users and carers involved in designing, running, monitoring and reviewing the system, "
    "and advocacy for them.",
    "Harm reduction delivered across partner agencies and at every tier.",
    "The diverse needs of the communities in the area, reflected in every grid and in how it is delivered.",
)

GRID_PROMPTS: dict[int, tuple[str, ...]] = {
    1: (
        "Formal strategic partnerships with health, social care, criminal justice, housing and employment "
        "services, providers, and local drug users and carers.",
        "An annual needs assessment by the national method: diversity of need, morbidity and mortality, "
        "treatment penetration, and the impact of treatment on health and offending.",
        "How far each tier meets the needs of diverse communities, the gaps, and the actions to close them.",
        "A plan in line with Models of care: Update 2006: reducing harm, better treatment journeys, "
        "predicting client flow, more effective systems.",
        "Best practice with public money, contracts with providers and monitoring of service level agreements.",
        "Performance management of the local system with data and key performance indicators.",
        "Commissioning functions fit for purpose, with stakeholders involved at the right seniority.",
        "Formal arrangements to consult and involve user groups, providers and carers in planning, "
        "commissioning and review.",
        "A DIP steering group with prisons, the Crown Prosecution Service and police, making sure DIP "
        "priorities, including prolific and priority offenders, shape commissioning and treatment planning.",
        "Information systems compliant with NDTMS, with data-sharing protocols and planned IT investment.",
        "The Treatment Outcomes Profile used at the start of treatment and at care plan reviews, reported "
        "through NDTMS.",
    ),
    2: (
        "Screening, assessment and referral from open access services and CJITs into structured treatment "
        "(tier 2 to tiers 3 and 4), detailed enough to inform care plans.",
        "Open access and DIP interventions that attract and motivate drug misusers, offenders included, "
        "into treatment.",
        "Access that suits service users of every background in the area.",
        "Waiting times within national targets, with a plan to manage and reduce them and a review of every "
        "wait over six weeks.",
        "A CJIT with the capacity and hours to cover custody suites and courts, including Required "
        "Assessments and Restriction on Bail, and engagement of prisoners on their day of release.",
        "CJIT assessment of the target offender population: those testing positive, or arrested or charged "
        "with trigger offences.",
        "Taking on and continuing the treatment of local residents referred by other CJITs.",
        "Waiting times for DIP clients, particularly for substitute prescribing.",
        "Where Restriction on Bail applies, test results passed to courts, with assessment and treatment to follow.",
        "Information exchanged under agreed protocols for continuity of care (prisons, prolific and "
        "priority offenders).",
    ),
    3: (
        "Retention beyond 12 weeks met or bettered for every client group, offenders included, with a plan "
        "to improve it where needed.",
        "A written, individual care plan for each service user, tracking progress and regularly reviewed, "
        "covering drug and alcohol use, health, offending and social functioning.",
        "Annual qualitative audits of care plans in every provider.",
        "Information, advice, injecting equipment and interventions that reduce blood-borne viruses, "
        "infections and overdose.",
        "Support for service users' significant others, in their own right.",
        "Clients' dependent children identified and their needs met, with protocols between drug and "
        "alcohol services and child protection.",
        "The full range of evidence-based structured interventions, for stimulant, opiate and poly-drug "
        "use, supporting both abstinence and stable maintenance.",
        "Continuity of care between tier 3, inpatient treatment and residential rehabilitation, with "
        "aftercare and relapse prevention.",
        "Robust CJIT case management, and continuity of care between prisons, CJITs and providers.",
        "Treatment for offenders in DIP and for those on community orders.",
    ),
    4: (
        "Defined pathways into the community during and after treatment: housing, education and mainstream health.",
        "Aftercare, move-on and support services that help clients out of specialist services.",
        "A written joint strategy linked to the Homelessness and Supporting People strategies, with an "
        "action plan and shared definitions, objectives and outcomes.",
        "A local assessment of drug users' met and unmet need for housing and housing support.",
        "Links with local authority housing so that DIP clients' needs count, and protocols with the "
        "Supporting People team and housing providers.",
        "A strategic plan with the local skills council and Jobcentre Plus for education, training and employment.",
        "Planned and unplanned discharges known, with plans to improve them year on year, written into "
        "service level agreements and reviewed quarterly.",
    ),
}
