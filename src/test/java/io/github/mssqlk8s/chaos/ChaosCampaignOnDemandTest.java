package io.github.mssqlk8s.chaos;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The campaign through surefire, for machines where {@code scripts/chaos} cannot fetch the exec plugin (offline):
 * {@code ./mvnw -o test -Dtest=ChaosCampaignOnDemandTest -Dchaos.count=20 -Dchaos.seed=1 -Dchaos.profile=harsh}.
 * Skipped unless {@code chaos.count} is set; prints what {@code scripts/chaos} prints and never fails (the printed
 * summary is the result).
 */
class ChaosCampaignOnDemandTest {

    @Test
    @EnabledIfSystemProperty(named = "chaos.count", matches = "\\d+")
    void runsTheCampaignAskedFor() {
        int count = Integer.parseInt(System.getProperty("chaos.count"));
        long seed = Long.parseLong(System.getProperty("chaos.seed", "1"));
        FaultSchedule.Profile profile = FaultSchedule.Profile.valueOf(
                System.getProperty("chaos.profile", "classic").toUpperCase(Locale.ROOT));
        List<ScheduleOutcome> outcomes = ChaosCampaign.run(count, seed, profile, System.out);
        ChaosCampaign.summarize(outcomes, System.out);
    }
}
