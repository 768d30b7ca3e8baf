/** @module Reconciliation: linking claims to incidents, reconciling figures, and checking all claims for consistency. */
export * from './scope.js'
export * from './claimant-group.js'
export * from './finding-id.js'
export * from './reconcile.js'
export * from './check-claims.js'
export * from './link.js'
export * from './gazetteer-knowledge.js'
export * from './merge-findings.js'
