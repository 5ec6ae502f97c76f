"""The adult drug treatment plan web service, one folder per domain.

Each folder imports only the floors beneath it, as its docstring's "May import" line says and
tests/test_layers.py checks. From the top:

    app, main, cli   the application assembled, the server process and the `adtp` command
    api/, pages/     HTTP: the JSON API and the GOV.UK pages, translating requests into domain calls
    demo/            demonstration data, and seeding a fresh installation with it
    oversight/       across plans: dashboards, region packs, the reconciliation, published plans
    journey/         after authoring: submissions, the panel's assessment, sign-off, agreed targets
    access/policy    what a member may do with a plan (stands on planning)
    planning/        authoring: reference data, cycles, plans, their parts and rules, the workflow
    access/          who is calling: accounts, tokens, sessions, sign-in, the audit log
    documents/       Word and Excel renderings of parts, and reading Part 4 workbooks
    monitoring/      through the year: the metric catalogue, statistics, RAG judgements, areas, imported figures
    tables/          the database schema
    platform/        settings, the database engine, errors and problem responses, request limits

May import: service, plan_schema, validators.
"""
