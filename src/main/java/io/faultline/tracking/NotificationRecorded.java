package io.faultline.tracking;

/**
 * Fired synchronously, inside the transaction that stores the notification, so that whatever
 * observers store along with it (webhook deliveries) commits or rolls back with it.
 */
public record NotificationRecorded(Notification notification) {
}
