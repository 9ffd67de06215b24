package io.faultline.security;

/** An operator was deleted, or its password or role changed; fired inside the transaction that does it. */
public record OperatorChanged(String username) {
}
