package io.faultline.tracking;

import java.util.regex.Pattern;

/** Orders release names the way people number them: 1.10.0 after 1.9.2, 2.0.0-rc1 before 2.0.0. */
final class Releases {

    private static final Pattern SEPARATORS = Pattern.compile("[.+_-]");

    private Releases() {
    }

    /** Whether {@code release} is older than {@code reference}; unknown releases are never older. */
    static boolean isOlder(String release, String reference) {
        if (release == null || reference == null) {
            return false;
        }
        return compare(release, reference) < 0;
    }

    static int compare(String a, String b) {
        String[] left = SEPARATORS.split(a);
        String[] right = SEPARATORS.split(b);
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            if (i >= left.length) {
                return isNumeric(right[i]) ? -1 : 1;
            }
            if (i >= right.length) {
                return isNumeric(left[i]) ? 1 : -1;
            }
            int order = isNumeric(left[i]) && isNumeric(right[i])
                    ? Long.compare(Long.parseLong(left[i]), Long.parseLong(right[i]))
                    : left[i].compareTo(right[i]);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    private static boolean isNumeric(String part) {
        return !part.isEmpty() && part.length() < 18 && part.chars().allMatch(Character::isDigit);
    }
}
