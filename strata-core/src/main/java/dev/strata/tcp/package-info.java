/** TCP (RFC 9293): the connection state machine and its parts, one concern per file. */
package dev.strata.tcp;
