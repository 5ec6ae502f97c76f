"""The Part 3 planning grids of the demonstration plan: objectives, actions and named postholders.

Dates are (month, day) within the plan year: April to December fall in its first calendar year,
January to March in its second. Texts use the placeholders of `strategic_summary_text`.
"""

from dataclasses import dataclass

from plan_schema.vocabulary import CrossCuttingTheme as Theme

MonthDay = tuple[int, int]


@dataclass(frozen=True)
class ActionSeed:
    """An action or milestone with the postholder who answers for it and its due date."""

    text: str
    postholder: str
    due: MonthDay


@dataclass(frozen=True)
class ObjectiveSeed:
    """A SMART objective linked to a Part 1 key priority."""

    text: str
    measure: str
    target: MonthDay
    key_priority: int
    themes: tuple[Theme, ...]
    actions: tuple[ActionSeed, ...]


@dataclass(frozen=True)
class GridSeed:
    """One of grids 1 to 4 (the template gives the titles)."""

    number: int
    key_priorities: str
    objectives: tuple[ObjectiveSeed, ...]


COMMISSIONING = "Joint Commissioning Manager (A. Patel)"
DAT_COORDINATOR = "DAT Coordinator (K. O'Neill)"
PERFORMANCE = "Performance and Information Manager (S. Hughes)"
WORKFORCE = "Workforce Development Officer (L. Bennett)"
INVOLVEMENT = "Service User Involvement Coordinator (J. Kaur)"
CARERS = "Carers and Families Lead (H. Ahmed)"
DIP = "DIP Programme Manager (R. Okafor)"
HARM_REDUCTION = "Harm Reduction Lead (M. Walsh)"
CLINICAL = "Clinical Lead for Shared Care (Dr C. Mensah)"
DIVERSITY = "Diversity and Outreach Coordinator (T. Begum)"
HOUSING = "Housing and Supporting People Lead (D. Clarke)"
ETE = "Education, Training and Employment Coordinator (P. Nowak)"
PROBATION = "Probation Substance Misuse Manager (G. Russell)"

GRIDS: tuple[GridSeed, ...] = (
    GridSeed(
        1,
        "Key priority 7: stronger commissioning, a needs assessment that profiles diversity, workforce "
        "development and a formal role for service users and carers. Key priority 3: performance "
        "management with NDTMS and TOP data.",
        (
            ObjectiveSeed(
                "Complete the {next} needs assessment to the NTA methodology, with a diversity profile of met and "
                "unmet need by ethnicity, gender, age and locality.",
                "Needs assessment approved by the JCG with a diversity impact assessment",
                (11, 30),
                7,
                (Theme.DIVERSITY, Theme.SERVICE_USERS),
                (
                    ActionSeed(
                        "Agree the scope, data sources and timetable with the NTA regional team", PERFORMANCE, (6, 30)
                    ),
                    ActionSeed(
                        "Run community consultation events with BME, women's and newer community groups",
                        DIVERSITY,
                        (9, 30),
                    ),
                    ActionSeed("Present the draft needs assessment to the JCG for approval", COMMISSIONING, (11, 30)),
                ),
            ),
            ObjectiveSeed(
                "Performance-manage every commissioned provider quarterly against NDTMS and TOP indicators, with "
                "exception reports for waits over three weeks and retention below target.",
                "Quarterly performance reports to the JCG; TOP review returns for 75% of clients",
                (3, 31),
                3,
                (Theme.SERVICE_USERS, Theme.WORKFORCE),
                (
                    ActionSeed(
                        "Add TOP completion and planned discharge indicators to every service level agreement",
                        COMMISSIONING,
                        (5, 31),
                    ),
                    ActionSeed(
                        "Publish a quarterly performance dashboard for providers and the JCG", PERFORMANCE, (7, 31)
                    ),
                    ActionSeed("Hold quarterly contract review meetings with each provider", COMMISSIONING, (3, 31)),
                ),
            ),
            ObjectiveSeed(
                "Deliver the workforce development plan so that every front-line worker has a training plan based "
                "on the national occupational standards.",
                "90% of front-line staff with an individual training plan; 60 staff trained in care planning",
                (3, 31),
                7,
                (Theme.WORKFORCE,),
                (
                    ActionSeed("Complete a training needs analysis across all providers", WORKFORCE, (6, 30)),
                    ActionSeed("Commission care planning and mapping training for key workers", WORKFORCE, (10, 31)),
                    ActionSeed("Report training plan coverage to the JCG", WORKFORCE, (3, 31)),
                ),
            ),
            ObjectiveSeed(
                "Give service users and carers a formal place in commissioning through an elected service user "
                "forum and two carer representatives on the JCG.",
                "Service user and carer representatives attend at least three of four JCG meetings",
                (9, 30),
                7,
                (Theme.SERVICE_USERS, Theme.CARERS_AND_FAMILY),
                (
                    ActionSeed("Hold elections for the service user forum", INVOLVEMENT, (6, 30)),
                    ActionSeed("Recruit and induct two carer representatives to the JCG", CARERS, (9, 30)),
                ),
            ),
        ),
    ),
    GridSeed(
        2,
        "Key priority 1: more crack and opiate users in effective treatment. Key priority 2: access for "
        "under-represented groups within three weeks. Key priority 5: engagement of offenders through DIP.",
        (
            ObjectiveSeed(
                "Start 95% of new clients in every structured intervention, including psychosocial interventions, "
                "within three weeks of referral.",
                "Percentage of clients waiting under three weeks, from NDTMS, each quarter",
                (3, 31),
                1,
                (Theme.SERVICE_USERS,),
                (
                    ActionSeed(
                        "Introduce a single assessment and referral route across the three localities",
                        COMMISSIONING,
                        (7, 31),
                    ),
                    ActionSeed("Review every wait over six weeks monthly and report exceptions", PERFORMANCE, (9, 30)),
                    ActionSeed("Add 20 psychosocial intervention places", COMMISSIONING, (12, 31)),
                ),
            ),
            ObjectiveSeed(
                "Increase the number of South Asian men, women with children and newer communities entering "
                "structured treatment by 15%.",
                "New presentations by ethnicity and gender compared with the {prev} baseline",
                (3, 31),
                2,
                (Theme.DIVERSITY, Theme.HARM_REDUCTION),
                (
                    ActionSeed(
                        "Fund two outreach workers with community languages in the inner-city locality",
                        DIVERSITY,
                        (6, 30),
                    ),
                    ActionSeed("Open a women-only clinic session with a creche in each locality", CLINICAL, (9, 30)),
                    ActionSeed(
                        "Produce treatment information in Urdu, Punjabi, Bengali and Polish", DIVERSITY, (10, 31)
                    ),
                ),
            ),
            ObjectiveSeed(
                "Assess at least 90% of people who test positive for opiates or cocaine on arrest, and see every "
                "prisoner released to the area who needs treatment on the day of release.",
                "DIP assessment rate and day-of-release contacts, from the DIP monitoring returns",
                (3, 31),
                5,
                (Theme.CRIMINAL_JUSTICE,),
                (
                    ActionSeed("Extend CJIT cover in the main custody suite to weekends", DIP, (6, 30)),
                    ActionSeed("Agree an information-sharing protocol with the three local prisons", DIP, (8, 31)),
                    ActionSeed("Audit follow-up of required assessments", PERFORMANCE, (12, 31)),
                ),
            ),
        ),
    ),
    GridSeed(
        3,
        "Key priority 3: retention and the quality of care planning. Key priority 4: fewer blood borne "
        "virus infections and drug-related deaths. Key priority 5: continuity of care for offenders.",
        (
            ObjectiveSeed(
                "Increase retention over 12 weeks (or planned discharge before 12 weeks) by 2% by introducing a "
                "stimulant pathway and following up any client who misses two appointments.",
                "12-week retention rate from NDTMS, each quarter",
                (3, 31),
                3,
                (Theme.SERVICE_USERS, Theme.WORKFORCE),
                (
                    ActionSeed("Launch a stimulant treatment pathway for crack users", CLINICAL, (7, 31)),
                    ActionSeed(
                        "Introduce a missed-appointment follow-up procedure in all providers", COMMISSIONING, (6, 30)
                    ),
                    ActionSeed("Audit a sample of care plans in every provider", PERFORMANCE, (1, 31)),
                ),
            ),
            ObjectiveSeed(
                "Offer hepatitis B vaccination to every injector in contact with services and test 70% of injectors "
                "for hepatitis C, with a referral pathway to hepatology.",
                "Hepatitis B vaccination and hepatitis C testing rates among injectors",
                (3, 31),
                4,
                (Theme.HARM_REDUCTION,),
                (
                    ActionSeed("Agree a hepatitis C pathway with the hepatology service", HARM_REDUCTION, (7, 31)),
                    ActionSeed("Open needle exchange in six more pharmacies", HARM_REDUCTION, (10, 31)),
                    ActionSeed(
                        "Provide naloxone and overdose training to clients leaving prison or tier 4 treatment",
                        HARM_REDUCTION,
                        (12, 31),
                    ),
                ),
            ),
            ObjectiveSeed(
                "Make sure every service records clients' dependent children and offers support to carers and "
                "families in their own right.",
                "Dependent children recorded for 95% of clients; 120 family members supported",
                (3, 31),
                3,
                (Theme.CARERS_AND_FAMILY,),
                (
                    ActionSeed("Agree a joint protocol with children's services on parental drug use", CARERS, (7, 31)),
                    ActionSeed("Commission a carers' support group in each locality", CARERS, (10, 31)),
                ),
            ),
            ObjectiveSeed(
                "Make sure offenders on drug rehabilitation requirements continue in community treatment without "
                "a gap when their order ends.",
                "Percentage of DRR completers still in treatment four weeks after their order ends",
                (3, 31),
                5,
                (Theme.CRIMINAL_JUSTICE,),
                (
                    ActionSeed("Agree a transfer protocol between probation and treatment", PROBATION, (6, 30)),
                    ActionSeed("Review transfers at the DIP steering group each quarter", DIP, (3, 31)),
                ),
            ),
        ),
    ),
    GridSeed(
        4,
        "Key priority 6: commission for recovery and reintegration, with housing, education, training and "
        "employment, aftercare and a 5% increase in care-planned exits.",
        (
            ObjectiveSeed(
                "Agree a joint accommodation strategy with the housing service and Supporting People, linked to the "
                "Homelessness Strategy, and provide 25 more supported tenancies for clients.",
                "Accommodation strategy approved; 25 new supported tenancies in use",
                (12, 31),
                6,
                (Theme.HOUSING, Theme.CRIMINAL_JUSTICE),
                (
                    ActionSeed(
                        "Assess the housing needs of people in treatment and on DIP caseloads", HOUSING, (6, 30)
                    ),
                    ActionSeed(
                        "Agree operational protocols with Supporting People and housing providers", HOUSING, (9, 30)
                    ),
                    ActionSeed("Open the new supported tenancies", HOUSING, (12, 31)),
                ),
            ),
            ObjectiveSeed(
                "Help 150 people in or leaving treatment into education, training or work through a protocol with "
                "Jobcentre Plus and the Learning and Skills Council.",
                "Number of clients starting education, training or employment",
                (3, 31),
                6,
                (Theme.SKILLS_AND_EMPLOYMENT,),
                (
                    ActionSeed("Sign a protocol with Jobcentre Plus and the Learning and Skills Council", ETE, (7, 31)),
                    ActionSeed("Place an employment adviser in each structured day programme", ETE, (10, 31)),
                ),
            ),
            ObjectiveSeed(
                "Increase care-planned exits by 5%, with planned discharge expectations in every service level "
                "agreement and aftercare and mutual aid for everyone who leaves treatment.",
                "Care-planned exits as a percentage of all exits, from NDTMS",
                (3, 31),
                6,
                (Theme.SERVICE_USERS, Theme.HOUSING),
                (
                    ActionSeed(
                        "Set planned discharge targets in every service level agreement", COMMISSIONING, (5, 31)
                    ),
                    ActionSeed("Commission a peer-led aftercare and mutual aid service", INVOLVEMENT, (9, 30)),
                    ActionSeed("Set up a fast-track route back into treatment after relapse", CLINICAL, (11, 30)),
                ),
            ),
        ),
    ),
)
