package aftershock.sim.agents;

import aftershock.engine.exchange.ExchangeCommand;
import aftershock.sim.market.Market;

import java.util.function.LongFunction;

/**
 * A decision of the venue itself at a scheduled time (a risk team cutting a collateral asset's haircut after an
 * exploit): one exchange command, submitted once, logged like every other.
 */
public final class VenueAction extends Agent {
    private final Market market;
    private final LongFunction<ExchangeCommand> command;

    public VenueAction(String name, Market market, LongFunction<ExchangeCommand> command) {
        super(name);
        this.market = market;
        this.command = command;
    }

    @Override
    public long wake(long now) {
        market.note(name());
        market.submitPerp(command.apply(now));
        return NEVER;
    }
}
