/** Application protocols over Strata's socket API, one sub-package per protocol. */
package dev.strata.apps;
