package io.faultline.health;

/** A check's verdict of DOWN, with a short reason that is safe to show on a probe. */
class CheckFailed extends Exception {

    CheckFailed(String reason) {
        super(reason, null, false, false);
    }
}
