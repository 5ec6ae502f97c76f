"""The Part 1 narrative of the demonstration plan: a fictional but plausible large urban partnership.

Every figure here is invented for the demonstration and agrees with the demo plan's Parts 2 to 4.
Texts use these placeholders: {plan} the plan year, {prev} the year before it, {base} the
baseline year before that, {next} and {later} the two indicative years, and {drafting_year} the
calendar year in which the plan was drafted.
"""

DIRECTION_AND_PURPOSE = """\
The partnership's strategy for adult drug treatment has one central purpose: to get more of the \
people whose drug use does most harm into treatment that works for them, to keep them there long \
enough to benefit, and to help them leave treatment in a planned way with somewhere to live, \
something to do and support to stay well. The strategy is owned by the joint commissioning group \
(JCG), which brings together the local authority, the primary care trusts, the police, probation, \
the prison service, Supporting People, Jobcentre Plus and representatives of service users and \
carers. It sits within the Safer and Stronger Communities and Healthier Communities blocks of the \
Local Area Agreement, which has adopted the number of drug users in effective treatment (NI 40) as \
one of its designated targets, and within the PCTs' operating plans under Vital Signs.

Over the last three years the partnership has concentrated on building capacity and cutting \
waiting times. That phase is largely complete: the treatment system is larger than it has ever \
been, and most people can start structured treatment within three weeks. For {plan} the direction \
changes from expansion to effectiveness. Our aim is a treatment system in which every client has a \
written care plan that is reviewed regularly, in which outcomes are measured with the Treatment \
Outcomes Profile, and in which progress towards recovery and reintegration is expected and \
supported rather than left to chance.

Four principles guide the plan. First, treatment must be accessible to every community in a very \
diverse city, so we will measure who is and is not reaching services and act on what we find. \
Second, harm reduction is part of every tier of the system, not a separate service, and our harm \
reduction strategy, refreshed after this year's self-audit, sets out what each provider will \
deliver. Third, offenders who use drugs are a shared responsibility of the treatment system and the \
Drug Interventions Programme (DIP), and their treatment journey should not be broken by arrest, \
court or custody. Fourth, the people who use services, and their families, should help to design, \
monitor and review the system that serves them.

The partnership will spend just over £24.1 million on adult drug treatment and DIP delivery in \
{plan}, compared with £23.3 million in {prev}. Mainstream contributions from the PCTs, the local \
authority, police, probation and Supporting People have all been maintained and uplifted for \
inflation, and the pooled treatment budget remains ring-fenced for drug treatment.\
"""

LIKELY_DEMAND = """\
The Home Office prevalence estimates suggest that around 9,450 people in the partnership area use \
opiates and/or crack cocaine, of whom about 3,100 inject. Local intelligence from outreach, needle \
exchange, custody suites and hospital admissions suggests the estimate remains broadly right, \
although crack use without opiates is probably under-counted. We expect demand for structured \
treatment to stay high: referrals rose by 6% in {prev}, most of the growth coming through the \
criminal justice route and from primary care.

Open access and harm reduction services had about 21,000 needle exchange transactions in {prev}, \
two thirds of them through the pharmacy scheme. We expect this to grow modestly as the pharmacy \
scheme extends into areas with little coverage at present, and we expect more requests for \
hepatitis testing and vaccination as the new blood borne virus pathway is promoted. Demand for \
tier 4 treatment is steady at about 140 inpatient detoxification and 95 residential rehabilitation \
placements a year; the new inpatient unit supported by tier 4 capital will reduce waits for \
detoxification and bring some placements back into the area.

Demand is not spread evenly. Around 31% of the current treatment population come from black and \
minority ethnic communities, against about 34% of the adult population, and the gap is widest among \
South Asian men, whose use of heroin is known from outreach work to be higher than treatment \
figures show. Women make up 24% of the treatment population but a larger share of those referred \
by children's services, and many do not come forward because they fear losing their children. \
Newer communities from Central and Eastern Europe present late, often homeless, and with little \
English. The treatment population is also ageing: over a third of opiate clients are now over 40, \
with more physical health problems, more hepatitis C and a higher risk of overdose.

The diversity impact assessment carried out with the needs assessment found that these groups are \
at risk of being disadvantaged by a system designed for young white male heroin users. The plan \
responds with targeted outreach, a women-only clinic session in each locality, interpreting and \
translated information, and a stimulant pathway for crack users. These actions appear in Grids 2 \
and 3, and their effect will be monitored through NDTMS data broken down by ethnicity, gender and \
age.\
"""

NEEDS_ASSESSMENT_FINDINGS = """\
The needs assessment for {plan} was carried out between June and November {drafting_year} following \
the NTA's methodology. It drew on NDTMS data, the treatment system mapping exercise, the \
Healthcare Commission and NTA improvement review, a survey of 310 service users, focus groups with \
carers and consultation with providers and referral agencies.

Prevalence and penetration. In {base}, 3,412 crack and/or opiate users were recorded as being in \
effective treatment, rising to a predicted 3,580 in {prev}. Against the prevalence estimate this \
is a penetration rate of about 38%, below the national average, and it is lowest among crack-only \
users and among South Asian communities. Overall, 4,386 adults were in effective treatment in \
{base} and a predicted 4,571 in {prev}.

Treatment system mapping. The system has an integrated open access and engagement service in each \
of three localities, a community prescribing service, a shared care scheme, two structured day \
programmes, a criminal justice intervention team (CJIT) covering the main custody suites and \
courts, and access to inpatient and residential services within and outside the area. Mapping \
showed good coverage in the city centre but gaps in the outer estates, where pharmacy needle \
exchange and shared care are both thin.

Met and unmet need. Waiting times have fallen sharply: 87% of new clients started treatment within \
three weeks in the second quarter of {prev}, but waits for psychosocial interventions are longer \
than for prescribing. Unmet need is concentrated among crack users, women with children, \
homeless people and newer communities. About 27% of new presentations report a housing problem and \
11% are of no fixed abode, while only 9% are in paid work when they start treatment.

Attrition and retention. A predicted 80.1% of new clients were retained for 12 weeks or discharged \
in a planned way before then in {prev}, up from 78.4% in {base}. Early drop-out is highest in the \
first three weeks, among clients referred through the criminal justice route, and among crack \
users, for whom the current offer is mainly designed around opiate substitution.

Treatment outcomes. Care-planned exits were 41.2% of all exits in {base}, rising to a predicted \
43.5% in {prev}, still below the regional average. TOP returns were made at the start of \
treatment for 74% of new clients but at review for only 46%, so evidence of outcomes is patchy. The \
improvement review rated care planning as fair and found that hepatitis C testing and referral \
to specialist care was inconsistent between providers.

Blood borne viruses and drug-related deaths. Around 64% of current injectors have had at least one \
hepatitis B vaccination and 51% have been tested for hepatitis C in the last year. There were 46 \
drug-related deaths registered in the area last year, most of them among men over 35 who had \
recently left prison or treatment.\
"""

OUTCOME_IMPROVEMENTS = """\
The partnership wants treatment to make a measurable difference to the health and social \
functioning of each person who uses it, to lower the public health risks from blood borne viruses \
and overdose, and to make our communities safer. For {plan} we will measure improvement in the \
following ways.

Health and social functioning. Every client in structured treatment will have a written care plan \
covering drug and alcohol use, physical and psychological health, offending and social functioning, \
reviewed at least every three months. We will raise the proportion of clients with a TOP review \
from 46% to 75%, and use the results in quarterly performance meetings with each provider so that \
reductions in illicit drug use, injecting and offending are tracked rather than assumed.

Retention and effective treatment. We plan a 3% increase in the number of crack and/or opiate users \
in effective treatment in {plan}, with further increases of 2.5% in {next} and 2% in {later}, and a \
2.5% increase in all adults in effective treatment. Retention over 12 weeks is planned to rise by 2% \
on the predicted {prev} rate, helped by a stimulant pathway, faster access to psychosocial \
interventions and follow-up of anyone who misses two appointments.

Public health. We will offer hepatitis B vaccination to every injector in contact with services and \
raise the proportion tested for hepatitis C in the year to 70%, with a clear pathway to hepatology \
for those who test positive. Pharmacy needle exchange will open in at least six more pharmacies in \
under-served areas. Naloxone training and overdose awareness will be offered to clients on leaving \
prison, inpatient detoxification or residential rehabilitation, and to their families, because \
these are the points of greatest risk.

Community safety. Through DIP we will assess at least 90% of those who test positive on arrest, \
and ensure that prisoners released to the area who need treatment are seen by the CJIT on the day \
of release. We will work with probation so that drug rehabilitation requirements are followed by \
treatment in the community without a gap, and track reoffending among DIP clients with the Prolific \
and other Priority Offender scheme.

Exit and reintegration. We plan a 5% increase in care-planned exits. Service level agreements \
will set planned discharge expectations for each provider and will be reviewed quarterly. \
Supporting People and the housing service will provide supported accommodation for people \
completing treatment, and a protocol with Jobcentre Plus and the Learning and Skills Council will \
give clients a route into training and work. After leaving treatment people will have access to \
mutual aid and peer support, and an easy route back if they relapse.\
"""

PRIORITIES_FOR_NEXT_YEAR = """\
The needs assessment, the improvement review and the consultation with service users and carers \
have led the JCG to agree seven key priorities for {plan}. They are listed below and numbered, \
and each objective in the planning grids links to one of them.

The improvement review asked the partnership to strengthen care planning and the use of TOP, to \
improve hepatitis C testing and referral, and to make service user involvement more than \
consultation. These recommendations are reflected in priorities 3, 4 and 7.

Priorities 1 and 2 continue the work on access, but with a sharper focus on who is missing from \
treatment rather than on overall numbers. Priority 5 keeps the criminal justice route strong at a \
time when the DIP main grant is reducing slightly, by making better use of the police and \
probation contributions. Priority 6 is the largest change in emphasis: the partnership will \
commission for recovery and reintegration, so that leaving treatment in a planned way, with \
housing and a route into work, becomes an expected outcome of the treatment journey.

The partnership recognises that none of this can be achieved without a skilled and stable \
workforce, and priority 7 includes a workforce development plan based on the national \
occupational standards. Progress on all seven priorities will be reported to the JCG each quarter \
and reviewed with the NTA regional team at the quarterly performance reviews.\
"""

KEY_PRIORITIES: tuple[tuple[str, str], ...] = (
    (
        "Increase the number of crack and opiate users in effective treatment",
        "Raise penetration among crack and/or opiate users from about 38% towards the national average, "
        "delivering a 3% increase in those in effective treatment (NI 40) in {plan}.",
    ),
    (
        "Improve access for groups under-represented in treatment",
        "Reach South Asian men, women with children, crack users and newer communities through targeted "
        "outreach, women-only sessions and interpreting, and keep waits for every intervention under three weeks.",
    ),
    (
        "Improve retention and the quality of care planning",
        "Give every client in structured treatment a written care plan reviewed at least every three months, "
        "raise TOP reviews to 75% and increase 12-week retention by 2%.",
    ),
    (
        "Reduce blood borne virus infection and drug-related deaths",
        "Offer hepatitis B vaccination to all injectors, test 70% of injectors for hepatitis C, extend pharmacy "
        "needle exchange and provide naloxone and overdose training at points of high risk.",
    ),
    (
        "Keep offenders in treatment through the criminal justice system",
        "Assess at least 90% of those testing positive on arrest, see prison leavers on the day of release and "
        "remove gaps between drug rehabilitation requirements and community treatment.",
    ),
    (
        "Commission for recovery, reintegration and planned exits",
        "Increase care-planned exits by 5% through housing support, education, training and employment, "
        "aftercare and mutual aid, with planned discharge expectations in every service level agreement.",
    ),
    (
        "Strengthen commissioning, workforce and involvement of service users and carers",
        "Complete the next needs assessment with a full diversity profile, deliver the workforce development "
        "plan, and give service users and carers a formal place in commissioning decisions.",
    ),
)
