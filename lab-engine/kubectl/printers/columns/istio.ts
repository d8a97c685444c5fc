// Istio kinds' columns, as their CRDs' additionalPrinterColumns define them.
//
// Follows istio/istio manifests/charts/base/files/crd-all.gen.yaml (additionalPrinterColumns)
// and the CRD table convertor in k8s.io/apiextensions-apiserver (.../customresource/tableconvertor):
// a string column holding an array prints as compact JSON (["bookinfo-gateway"]), a missing
// value prints as an empty cell, a date column as HumanDuration.

import type { KubeObject } from '../../../cluster/types'
import { age } from '../age'
import { goJson } from '../go-json'
import { type Column, field, nameColumn } from './column'

const ageColumn: Column = { header: 'AGE', cell: (o, now) => age(o.metadata.creationTimestamp, now) }

function stringColumn(header: string, ...path: string[]): Column {
  return { header, cell: (o: KubeObject) => printerValue(field(o, ...path)) }
}

/** jsonpath PrintResults on one value: objects and arrays as JSON, scalars as text. */
function printerValue(v: unknown): string {
  if (v === undefined || v === null) return ''
  return typeof v === 'object' ? goJson(v) : String(v)
}

const NAME_AGE: readonly Column[] = [nameColumn, ageColumn]

export const ISTIO_COLUMNS: Readonly<Record<string, readonly Column[]>> = {
  VirtualService: [nameColumn, stringColumn('GATEWAYS', 'spec', 'gateways'), stringColumn('HOSTS', 'spec', 'hosts'), ageColumn],
  DestinationRule: [nameColumn, stringColumn('HOST', 'spec', 'host'), ageColumn],
  Gateway: NAME_AGE,
  ServiceEntry: [nameColumn, stringColumn('HOSTS', 'spec', 'hosts'), stringColumn('LOCATION', 'spec', 'location'), stringColumn('RESOLUTION', 'spec', 'resolution'), ageColumn],
  PeerAuthentication: [nameColumn, stringColumn('MODE', 'spec', 'mtls', 'mode'), ageColumn],
  AuthorizationPolicy: [nameColumn, stringColumn('ACTION', 'spec', 'action'), ageColumn],
  RequestAuthentication: NAME_AGE,
  Sidecar: NAME_AGE,
  Telemetry: NAME_AGE,
  EnvoyFilter: NAME_AGE,
}
