package io.faultline.alerting;

/** A receiver did not take a delivery: it answered an error status, or could not be reached. */
class DeliveryFailed extends RuntimeException {

    private static final long serialVersionUID = 1L;

    DeliveryFailed(String reason) {
        super(reason, null, false, false);
    }
}
