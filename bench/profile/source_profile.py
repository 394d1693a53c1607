#!/usr/bin/env python3
"""Where the stack's CPU goes in a JFR recording of the FHIR search benchmark's Payara, by application and step.

    jfr print --json --stack-depth 256 --events jdk.ExecutionSample REC.jfr > samples.json
    python3 bench/profile/source_profile.py samples.json [searches]

Each execution sample is put in the application whose frame is nearest the top of its stack (the demo platform,
an adapter, the gateway, the registry), else 'container and JDK' (Payara's listener, the JDK's HttpClient threads,
H2's writer); within the adapter, in the first step its stack names from the innermost frame out. With the number
of searches answered during the recording, also samples per search (one sample is about 10 ms of a thread in Java).
"""
import collections
import json
import sys

APPS = [('no/dhoindex/demoplatform', 'demo platform'), ('no/dhoindex/adapters', 'adapter'),
        ('no/dhoindex/gateway', 'gateway'), ('no/dhoindex/registry', 'registry'), ('no/dhoindex/trust', 'trust anchor')]

ADAPTER_STEPS = [('AccessLogStore', 'access record (insert, commit)'), ('SourceAccessLog', 'access record (insert, commit)'),
                 ('XuaHttp', 'XUA check'), ('TrustedIssuers', 'XUA check'),
                 ('parser/JsonParser.parseResource', "parsing the platform's Bundle (HAPI)"),
                 ('parser/BaseParser.parseResource', "parsing the platform's Bundle (HAPI)"),
                 ('encodeResourceToString', 'encoding the answer (HAPI)'),
                 ('PlatformSearch', 'asking the platform (HTTP client)'),
                 ('PointerLedger', 'pointer ledger and sharing rules (DB)'), ('SharingRules', 'pointer ledger and sharing rules (DB)'),
                 ('SourceSearch', 'search (other)'), ('DataSearchResource', 'search resource (other)')]

PLATFORM_STEPS = [('flush', 'writing the answer: a flush per value'), ('JsonParser.encode', 'writing the answer: JSON'),
                  ('BaseParser.encode', 'writing the answer: JSON'), ('ObservationProvider', 'selecting the page')]


def frames(event):
    out = []
    for f in event['values']['stackTrace']['frames']:
        m = f['method']
        out.append(m['type']['name'] + '.' + m['name'])
    return out


def classify(full):
    app = None
    for frame in full:
        for marker, name in APPS:
            if frame.startswith(marker):
                app = name
                break
        if app:
            break
    if app is None:
        return 'container and JDK', ''
    steps = ADAPTER_STEPS if app == 'adapter' else PLATFORM_STEPS if app == 'demo platform' else []
    for frame in full:
        for marker, name in steps:
            if marker in frame:
                return app, name
    return app, 'other'


def main():
    events = json.load(open(sys.argv[1]))['recording']['events']
    searches = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    apps = collections.Counter()
    steps = collections.Counter()
    for e in events:
        app, step = classify(frames(e))
        apps[app] += 1
        if step:
            steps[(app, step)] += 1
    total = sum(apps.values())
    print('| application | step | samples | per search |')
    print('|---|---|---|---|')
    for app, n in apps.most_common():
        print(f'| {app} | all | {n} | {n / searches:.2f} |' if searches else f'| {app} | all | {n} | |')
        for (a, step), m in steps.most_common():
            if a == app:
                print(f'| | {step} | {m} | {m / searches:.2f} |' if searches else f'| | {step} | {m} | |')
    print(f'| all | | {total} | {total / searches:.2f} |' if searches else f'| all | | {total} | |')


if __name__ == '__main__':
    main()
