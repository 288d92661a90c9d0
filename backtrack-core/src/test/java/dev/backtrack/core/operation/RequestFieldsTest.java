package dev.backtrack.core.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

/** The one reader of true/false request fields that the endpoint and the console share. */
class RequestFieldsTest {

    @Test
    void aFlagIsItsDefaultWhenAbsentOrBlankAndOtherwiseTrueOrFalseInAnyCase() {
        assertThat(RequestFields.flag(null, "again", false, "a", "b")).isFalse();
        assertThat(RequestFields.flag("  ", "dryRun", true, "a", "b")).isTrue();
        assertThat(RequestFields.flag(" TRUE ", "again", false, "a", "b")).isTrue();
        assertThat(RequestFields.flag("False", "dryRun", true, "a", "b")).isFalse();
    }

    @Test
    void aWrongFlagNamesTheFieldTheValueAndBothChoicesTheDefaultFirst() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RequestFields.flag("yes", "again", false, "replay them again", "refuse"))
                .withMessage("Field 'again' is 'yes'; accepted: false (the default: refuse) or true (replay them "
                        + "again)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RequestFields.flag("1", "dryRun", true, "only show the plan", "rewind"))
                .withMessage("Field 'dryRun' is '1'; accepted: true (the default: only show the plan) or false "
                        + "(rewind)");
    }

    @Test
    void dryRunIsTheDefaultAndAPartialRewindIsNot() {
        assertThat(RequestFields.dryRun(null)).isTrue();
        assertThat(RequestFields.dryRun("false")).isFalse();
        assertThat(RequestFields.allowPartial(null)).isFalse();
        assertThat(RequestFields.allowPartial("true")).isTrue();
    }
}
