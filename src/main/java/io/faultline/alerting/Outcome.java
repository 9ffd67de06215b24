package io.faultline.alerting;

/** How an attempt ended: delivered, gone (410), failed, or deferred by a guard without a call. */
record Outcome(Kind kind, Integer statusCode, String reason) {

    enum Kind { DELIVERED, GONE, FAILED, DEFERRED }

    static Outcome delivered(int statusCode) {
        return new Outcome(Kind.DELIVERED, statusCode, null);
    }

    static Outcome gone() {
        return new Outcome(Kind.GONE, 410, "the receiver answered 410 Gone");
    }

    static Outcome failed(Integer statusCode, String reason) {
        return new Outcome(Kind.FAILED, statusCode, reason);
    }

    static Outcome deferred(String reason) {
        return new Outcome(Kind.DEFERRED, null, reason);
    }
}
