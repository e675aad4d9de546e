package aftershock.app.run;

import aftershock.config.YamlNode;

import aftershock.app.script.ScriptException;
import aftershock.engine.api.Command;
import aftershock.engine.api.Instrument;
import aftershock.engine.api.Instruments;
import aftershock.engine.api.OrderType;
import aftershock.engine.api.Side;
import aftershock.engine.api.StpMode;
import aftershock.engine.api.TimeInForce;
import aftershock.engine.api.WorkingType;
import aftershock.engine.exchange.Exchange;
import aftershock.engine.exchange.ExchangeCommand;
import aftershock.engine.margin.BracketTable;
import aftershock.engine.margin.BracketTables;
import aftershock.engine.margin.FeeSchedule;
import aftershock.engine.margin.LeverageBracket;
import aftershock.engine.margin.MarginMode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scripted scenario for {@code aftershock run}: instruments, accounts, and a timeline of commands. The whole file
 * is read and validated before anything runs; an error names file, line, field and what was expected.
 * Format: docs/SCRIPTS.md.
 */
public record RunScript(String file, List<Exchange.SymbolSetup> symbols, Exchange.Config config, List<Step> steps) {

    /** One timeline step: a command for the exchange, or a snapshot (command null, label set). */
    public record Step(long tsNanos, int line, ExchangeCommand command, String snapshotLabel) {
    }

    private static final Set<String> TOP = Set.of("instruments", "fees", "insuranceFund", "backstopVault", "liquidation",
            "protection", "circuitBreaker", "collateral", "accounts", "timeline");
    private static final Set<String> INSTRUMENT = Set.of("symbol", "indexSources", "fundingIntervalHours", "fundingCap",
            "fundingFloor", "defaultLeverage", "brackets");
    private static final Set<String> BRACKET = Set.of("leverage", "floor", "cap", "mmr", "cum");
    private static final Set<String> FEES = Set.of("tier", "maker", "taker");
    private static final Set<String> ACCOUNT = Set.of("id", "deposit", "leverage", "marginMode", "collateral");
    private static final Set<String> ACTIONS = Set.of("place", "cancel", "cancelAll", "amend", "spot", "advance", "funding",
            "snapshot", "deposit", "withdraw", "leverage", "marginMode", "isolatedMargin", "depositCollateral",
            "collateralPrice", "haircut");
    private static final Set<String> BREAKER = Set.of("trigger", "window", "duringHalt", "resumption", "queueCapacity", "tiers");
    private static final Set<String> TIER = Set.of("move", "halt", "band");
    private static final Set<String> COLLATERAL = Set.of("asset", "haircut", "pricing", "redemptionWeight", "floor");
    private static final Set<String> PLACE = Set.of("account", "symbol", "side", "type", "tif", "price", "qty", "stop",
            "working", "reduceOnly", "stp", "client");

    public static RunScript parse(String file, String text) throws ScriptException {
        YamlNode<ScriptException> root = YamlNode.parse(file, text, "a YAML mapping with 'timeline'", RunScript::error);
        Map<String, YamlNode<ScriptException>> top = root.map(TOP);
        FeeSchedule fees = FeeSchedule.BINANCE_VIP0;
        if (top.containsKey("fees")) {
            YamlNode<ScriptException> f = top.get("fees");
            Map<String, YamlNode<ScriptException>> m = f.map(FEES);
            fees = new FeeSchedule(m.containsKey("tier") ? m.get("tier").text() : "custom",
                    f.required(m, "maker").decimalE8(), f.required(m, "taker").decimalE8());
        }
        List<Exchange.SymbolSetup> symbols = new ArrayList<>();
        YamlNode<ScriptException> ins = root.required(top, "instruments");
        for (YamlNode<ScriptException> i : ins.list()) {
            symbols.add(instrument(i, fees));
        }
        if (symbols.isEmpty()) {
            throw ins.problem("at least one instrument is needed");
        }
        List<String> names = symbols.stream().map(s -> s.instrument().symbol()).toList();
        Exchange.Config config = Exchange.Config.binance();
        if (top.containsKey("liquidation")) {
            YamlNode<ScriptException> l = top.get("liquidation");
            Map<String, YamlNode<ScriptException>> lm = l.map(Set.of("policy", "adlPolicy", "fee", "fees", "backstop"));
            if (lm.containsKey("policy")) {
                config = config.withLiquidationPolicy(lm.get("policy").enumValue(aftershock.engine.liquidation.LiquidationPolicy.class));
            }
            if (lm.containsKey("adlPolicy")) {
                config = config.withAdlPolicy(lm.get("adlPolicy").enumValue(aftershock.engine.liquidation.AdlPolicy.class));
            }
            if (lm.containsKey("fee")) {
                long fee = lm.get("fee").decimalE8();
                if (fee < 0 || fee >= aftershock.engine.margin.Fixed.E8) {
                    throw lm.get("fee").error("a rate from 0 to below 1, e.g. \"0.0125\"");
                }
                config = config.withLiquidationFee(fee);
            }
            if (lm.containsKey("fees")) {
                for (Map.Entry<String, YamlNode<ScriptException>> e : lm.get("fees").anyMap("symbol: rate").entrySet()) {
                    checkSymbol(e.getValue(), e.getKey(), names);
                    config = config.withLiquidationFee(e.getKey(), rate(e.getValue()));
                }
            }
            if (lm.containsKey("backstop")) {
                YamlNode<ScriptException> b = lm.get("backstop");
                Map<String, YamlNode<ScriptException>> bm = b.map(Set.of("reference", "discount"));
                config = config.withBackstop(b.required(bm, "reference").enumValue(aftershock.engine.liquidation.Backstop.Reference.class),
                        bm.containsKey("discount") ? rate(bm.get("discount")) : 0);
            }
        }
        if (top.containsKey("circuitBreaker")) {
            config = config.withCircuitBreaker(breaker(top.get("circuitBreaker")));
        }
        List<String> assets = new ArrayList<>();
        if (top.containsKey("collateral")) {
            List<aftershock.engine.margin.CollateralAsset> list = new ArrayList<>();
            for (YamlNode<ScriptException> a : top.get("collateral").list()) {
                aftershock.engine.margin.CollateralAsset asset = collateralAsset(a);
                if (assets.contains(asset.name())) {
                    throw a.problem("collateral asset " + asset.name() + " is declared twice");
                }
                assets.add(asset.name());
                list.add(asset);
            }
            config = config.withCollateral(list.toArray(new aftershock.engine.margin.CollateralAsset[0]));
        }
        if (top.containsKey("protection")) {
            YamlNode<ScriptException> pn = top.get("protection");
            Map<String, YamlNode<ScriptException>> pm = pn.map(Set.of("priceBand", "marketTakeBound"));
            long band = pm.containsKey("priceBand") ? rate(pm.get("priceBand")) : 0;
            long bound = pm.containsKey("marketTakeBound") ? rate(pm.get("marketTakeBound")) : 0;
            config = config.withProtection(band, bound);
        }
        List<Step> steps = new ArrayList<>();
        if (top.containsKey("insuranceFund")) {
            YamlNode<ScriptException> f = top.get("insuranceFund");
            steps.add(new Step(0, f.line(), new ExchangeCommand.Deposit(0, Exchange.INSURANCE_FUND, f.positiveDecimalE8()), null));
        }
        if (top.containsKey("backstopVault")) {
            YamlNode<ScriptException> f = top.get("backstopVault");
            steps.add(new Step(0, f.line(), new ExchangeCommand.Deposit(0, Exchange.BACKSTOP_VAULT, f.positiveDecimalE8()), null));
        }
        if (top.containsKey("accounts")) {
            for (YamlNode<ScriptException> a : top.get("accounts").list()) {
                account(a, names, assets, steps);
            }
        }
        long last = 0;
        for (YamlNode<ScriptException> t : root.required(top, "timeline").list()) {
            Map<String, YamlNode<ScriptException>> m = t.map(union(ACTIONS, Set.of("at")));
            long at = t.required(m, "at").timeNanos();
            if (at < last) {
                throw m.get("at").problem("is earlier than the previous step (" + last / 1_000_000_000.0 + " s)");
            }
            last = at;
            List<String> actions = m.keySet().stream().filter(k -> !k.equals("at")).toList();
            if (actions.size() != 1) {
                throw t.problem("each timeline step needs exactly one action besides 'at' (one of "
                        + String.join(", ", new java.util.TreeSet<>(ACTIONS)) + "), found " + actions);
            }
            String action = actions.get(0);
            YamlNode<ScriptException> v = m.get(action);
            steps.add(step(action, v, at, names, symbols, assets));
        }
        return new RunScript(file, List.copyOf(symbols), config, List.copyOf(steps));
    }

    private static long rate(YamlNode<ScriptException> n) throws ScriptException {
        long v = n.decimalE8();
        if (v < 0 || v >= aftershock.engine.margin.Fixed.E8) {
            throw n.error("a rate from 0 to below 1, e.g. \"0.05\"");
        }
        return v;
    }

    /** {@code circuitBreaker:} — volatility halts (docs/SCRIPTS.md). */
    private static aftershock.engine.halt.CircuitBreaker breaker(YamlNode<ScriptException> n) throws ScriptException {
        Map<String, YamlNode<ScriptException>> m = n.map(BREAKER);
        List<aftershock.engine.halt.CircuitBreaker.Tier> tiers = new ArrayList<>();
        for (YamlNode<ScriptException> t : n.required(m, "tiers").list()) {
            Map<String, YamlNode<ScriptException>> tm = t.map(TIER);
            long halt = t.required(tm, "halt").timeNanos();
            if (halt <= 0) {
                throw tm.get("halt").error("a positive duration such as 2m");
            }
            tiers.add(new aftershock.engine.halt.CircuitBreaker.Tier(rate(t.required(tm, "move")), halt,
                    tm.containsKey("band") ? rate(tm.get("band")) : 0));
        }
        if (tiers.isEmpty()) {
            throw m.get("tiers").problem("at least one tier is needed");
        }
        long window = n.required(m, "window").timeNanos();
        try {
            return new aftershock.engine.halt.CircuitBreaker(
                    m.containsKey("trigger") ? m.get("trigger").enumValue(aftershock.engine.halt.CircuitBreaker.TriggerPrice.class)
                            : aftershock.engine.halt.CircuitBreaker.TriggerPrice.LAST,
                    window, tiers,
                    m.containsKey("duringHalt") ? m.get("duringHalt").enumValue(aftershock.engine.halt.CircuitBreaker.DuringHalt.class)
                            : aftershock.engine.halt.CircuitBreaker.DuringHalt.QUEUE,
                    m.containsKey("resumption") ? m.get("resumption").enumValue(aftershock.engine.halt.CircuitBreaker.Resumption.class)
                            : aftershock.engine.halt.CircuitBreaker.Resumption.AUCTION,
                    m.containsKey("queueCapacity") ? m.get("queueCapacity").intInRange(0, 1_000_000) : 10_000);
        } catch (IllegalArgumentException e) {
            throw n.problem(e.getMessage());
        }
    }

    /** One entry of {@code collateral:} — an asset, its haircut and its pricing policy. */
    private static aftershock.engine.margin.CollateralAsset collateralAsset(YamlNode<ScriptException> n) throws ScriptException {
        Map<String, YamlNode<ScriptException>> m = n.map(COLLATERAL);
        String name = n.required(m, "asset").text();
        long haircut = n.required(m, "haircut").decimalE8();
        if (haircut < 0 || haircut > aftershock.engine.margin.Fixed.E8) {
            throw m.get("haircut").error("a haircut from 0 to 1, e.g. \"0.05\"");
        }
        long weight = m.containsKey("redemptionWeight") ? m.get("redemptionWeight").decimalE8() : aftershock.engine.margin.Fixed.E8;
        if (weight < 0 || weight > aftershock.engine.margin.Fixed.E8) {
            throw m.get("redemptionWeight").error("a weight from 0 to 1");
        }
        long floor = m.containsKey("floor") ? m.get("floor").decimalE8() : 0;
        if (floor < 0) {
            throw m.get("floor").error("a price of 0 or more");
        }
        try {
            return new aftershock.engine.margin.CollateralAsset(name, haircut,
                    m.containsKey("pricing") ? m.get("pricing").enumValue(aftershock.engine.margin.CollateralPricing.class)
                            : aftershock.engine.margin.CollateralPricing.ORACLE, weight, floor);
        } catch (IllegalArgumentException e) {
            throw m.get("asset").problem(e.getMessage());
        }
    }

    private static String checkAsset(YamlNode<ScriptException> where, String asset, List<String> assets) throws ScriptException {
        if (!assets.contains(asset)) {
            throw where.problem("unknown collateral asset '" + asset + "' (declared under 'collateral': "
                    + (assets.isEmpty() ? "none" : String.join(", ", assets)) + ")");
        }
        return asset;
    }

    private static ScriptException error(String file, int line, String field, String message) {
        return new ScriptException(YamlNode.describe(file, line, field, message));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> s = new java.util.HashSet<>(a);
        s.addAll(b);
        return s;
    }

    private static Exchange.SymbolSetup instrument(YamlNode<ScriptException> n, FeeSchedule fees) throws ScriptException {
        Map<String, YamlNode<ScriptException>> m;
        if (n.isScalar()) {
            m = Map.of("symbol", n);
        } else {
            m = n.map(INSTRUMENT);
        }
        YamlNode<ScriptException> symNode = n.required(m, "symbol");
        String symbol = symNode.text();
        Instrument instrument = Instruments.bySymbol(symbol).orElseThrow(() -> symNode.error("a built-in symbol (BTCUSDT, ETHUSDT)"));
        BracketTable table = BracketTables.defaultFor(symbol).orElseThrow();
        if (m.containsKey("brackets")) {
            List<LeverageBracket> rows = new ArrayList<>();
            int k = 1;
            for (YamlNode<ScriptException> b : m.get("brackets").list()) {
                Map<String, YamlNode<ScriptException>> bm = b.map(BRACKET);
                rows.add(new LeverageBracket(k++, b.required(bm, "leverage").intInRange(1, 1000),
                        b.required(bm, "floor").decimalE8(), b.required(bm, "cap").decimalE8(),
                        b.required(bm, "mmr").decimalE8(), b.required(bm, "cum").decimalE8()));
            }
            try {
                table = new BracketTable(symbol, "script", n.file(), rows);
            } catch (IllegalArgumentException e) {
                throw m.get("brackets").problem(e.getMessage());
            }
        }
        List<String> sources = List.of("spot");
        if (m.containsKey("indexSources")) {
            sources = new ArrayList<>();
            for (YamlNode<ScriptException> s : m.get("indexSources").list()) {
                sources.add(s.text());
            }
            if (sources.isEmpty()) {
                throw m.get("indexSources").problem("needs at least one source");
            }
        }
        int interval = m.containsKey("fundingIntervalHours") ? m.get("fundingIntervalHours").intInRange(1, 8) : 8;
        if (8 % interval != 0) {
            throw m.get("fundingIntervalHours").error("1, 2, 4 or 8");
        }
        // Binance default cap: 0.75 × the maintenance margin rate of the first bracket (BTCUSDT ±0.3%).
        long defaultCap = table.brackets().get(0).maintMarginRateE8() * 3 / 4;
        long cap = m.containsKey("fundingCap") ? m.get("fundingCap").decimalE8() : defaultCap;
        long floor = m.containsKey("fundingFloor") ? m.get("fundingFloor").decimalE8() : -cap;
        if (floor > cap) {
            throw m.get(m.containsKey("fundingFloor") ? "fundingFloor" : "fundingCap").problem("the floor is above the cap");
        }
        int lev = m.containsKey("defaultLeverage") ? m.get("defaultLeverage").intInRange(1, table.maxLeverage()) : 20;
        return new Exchange.SymbolSetup(instrument, table, fees, Math.min(lev, table.maxLeverage()), sources, cap, floor, interval);
    }

    private static void account(YamlNode<ScriptException> n, List<String> symbols, List<String> assets, List<Step> steps)
            throws ScriptException {
        Map<String, YamlNode<ScriptException>> m = n.map(ACCOUNT);
        long id = n.required(m, "id").positiveLong();
        if (m.containsKey("deposit")) {
            steps.add(new Step(0, m.get("deposit").line(), new ExchangeCommand.Deposit(0, id, m.get("deposit").positiveDecimalE8()), null));
        } else {
            throw n.problem("missing field 'deposit' (an account needs money to trade)");
        }
        if (m.containsKey("collateral")) {
            for (Map.Entry<String, YamlNode<ScriptException>> e : m.get("collateral").anyMap("asset: units").entrySet()) {
                checkAsset(e.getValue(), e.getKey(), assets);
                steps.add(new Step(0, e.getValue().line(), new ExchangeCommand.DepositCollateral(0, id, e.getKey(),
                        e.getValue().positiveDecimalE8()), null));
            }
        }
        if (m.containsKey("marginMode")) {
            for (Map.Entry<String, YamlNode<ScriptException>> e : m.get("marginMode").anyMap("symbol: CROSS|ISOLATED").entrySet()) {
                checkSymbol(e.getValue(), e.getKey(), symbols);
                steps.add(new Step(0, e.getValue().line(), new ExchangeCommand.SetMarginMode(0, id, e.getKey(),
                        e.getValue().enumValue(MarginMode.class)), null));
            }
        }
        if (m.containsKey("leverage")) {
            for (Map.Entry<String, YamlNode<ScriptException>> e : m.get("leverage").anyMap("symbol: leverage").entrySet()) {
                checkSymbol(e.getValue(), e.getKey(), symbols);
                steps.add(new Step(0, e.getValue().line(), new ExchangeCommand.SetLeverage(0, id, e.getKey(),
                        e.getValue().intInRange(1, 1000)), null));
            }
        }
    }

    private static String checkSymbol(YamlNode<ScriptException> where, String symbol, List<String> symbols) throws ScriptException {
        if (!symbols.contains(symbol)) {
            throw where.problem("unknown symbol '" + symbol + "' (declared instruments: " + String.join(", ", symbols) + ")");
        }
        return symbol;
    }

    private static String symbolField(Map<String, YamlNode<ScriptException>> m, YamlNode<ScriptException> owner, List<String> symbols) throws ScriptException {
        if (!m.containsKey("symbol")) {
            if (symbols.size() == 1) {
                return symbols.get(0);
            }
            throw owner.problem("missing field 'symbol' (several instruments are declared)");
        }
        YamlNode<ScriptException> s = m.get("symbol");
        return checkSymbol(s, s.text(), symbols);
    }

    private static Step step(String action, YamlNode<ScriptException> v, long at, List<String> symbols, List<Exchange.SymbolSetup> setups,
                             List<String> assets) throws ScriptException {
        int line = v.line();
        switch (action) {
            case "place" -> {
                Map<String, YamlNode<ScriptException>> m = v.map(PLACE);
                String symbol = symbolField(m, v, symbols);
                OrderType type = m.containsKey("type") ? m.get("type").enumValue(OrderType.class) : OrderType.LIMIT;
                long price = 0;
                if (type.hasLimitPrice()) {
                    price = v.required(m, "price").decimalE8();
                } else if (m.containsKey("price")) {
                    throw m.get("price").problem(type + " orders take no price");
                }
                long stop = 0;
                if (type.isTriggered()) {
                    stop = v.required(m, "stop").decimalE8();
                } else if (m.containsKey("stop")) {
                    throw m.get("stop").problem(type + " orders take no stop price");
                }
                Command.PlaceOrder p = new Command.PlaceOrder(at, v.required(m, "account").positiveLong(),
                        m.containsKey("client") ? m.get("client").positiveLong() : 0,
                        v.required(m, "side").enumValue(Side.class), type,
                        m.containsKey("tif") ? m.get("tif").enumValue(TimeInForce.class) : type.hasLimitPrice() ? TimeInForce.GTC : TimeInForce.IOC,
                        price, v.required(m, "qty").decimalE8(), stop,
                        m.containsKey("working") ? m.get("working").enumValue(WorkingType.class) : WorkingType.CONTRACT_PRICE,
                        m.containsKey("reduceOnly") && m.get("reduceOnly").bool(),
                        m.containsKey("stp") ? m.get("stp").enumValue(StpMode.class) : Command.PlaceOrder.DEFAULT_STP);
                return new Step(at, line, new ExchangeCommand.Order(at, symbol, p), null);
            }
            case "cancel" -> {
                Map<String, YamlNode<ScriptException>> m = v.map(Set.of("account", "symbol", "order", "client"));
                String symbol = symbolField(m, v, symbols);
                long order = m.containsKey("order") ? m.get("order").positiveLong() : 0;
                long client = m.containsKey("client") ? m.get("client").positiveLong() : 0;
                if ((order == 0) == (client == 0)) {
                    throw v.problem("give exactly one of 'order' or 'client'");
                }
                return new Step(at, line, new ExchangeCommand.Order(at, symbol,
                        new Command.CancelOrder(at, v.required(m, "account").positiveLong(), order, client)), null);
            }
            case "cancelAll" -> {
                Map<String, YamlNode<ScriptException>> m = v.map(Set.of("account", "symbol"));
                return new Step(at, line, new ExchangeCommand.Order(at, symbolField(m, v, symbols),
                        new Command.CancelAll(at, v.required(m, "account").positiveLong())), null);
            }
            case "amend" -> {
                Map<String, YamlNode<ScriptException>> m = v.map(Set.of("account", "symbol", "order", "price", "qty"));
                return new Step(at, line, new ExchangeCommand.Order(at, symbolField(m, v, symbols),
                        new Command.AmendOrder(at, v.required(m, "account").positiveLong(),
                                v.required(m, "order").positiveLong(), v.required(m, "price").decimalE8(),
                                v.required(m, "qty").decimalE8())), null);
            }
            case "spot" -> {
                Map<String, YamlNode<ScriptException>> m = v.map(Set.of("symbol", "source", "price"));
                String symbol = symbolField(m, v, symbols);
                long price = v.required(m, "price").positiveDecimalE8();
                String source = m.containsKey("source") ? m.get("source").text() : "*";
                List<String> known = setups.get(symbols.indexOf(symbol)).indexSources();
                if (!source.equals("*") && !known.contains(source)) {
                    throw m.get("source").problem("unknown index source '" + source + "' of " + symbol + " (its indexSources: "
                            + String.join(", ", known) + "; leave 'source' out to set them all)");
                }
                return new Step(at, line, new ExchangeCommand.SpotPrice(at, symbol, source, price), null);
            }
            case "advance" -> {
                if (!v.bool()) {
                    throw v.error("true (the clock moves to 'at')");
                }
                return new Step(at, line, new ExchangeCommand.AdvanceTime(at), null);
            }
            case "funding" -> {
                String symbol = checkSymbol(v, v.text(), symbols);
                return new Step(at, line, new ExchangeCommand.SettleFunding(at, symbol), null);
            }
            case "snapshot" -> {
                return new Step(at, line, new ExchangeCommand.AdvanceTime(at), v.text());
            }
            case "deposit", "withdraw" -> {
                Map<String, YamlNode<ScriptException>> m = v.map(Set.of("account", "amount"));
                long account = v.required(m, "account").positiveLong();
                long amount = v.required(m, "amount").positiveDecimalE8();
                return new Step(at, line, action.equals("deposit") ? new ExchangeCommand.Deposit(at, account, amount)
                        : new ExchangeCommand.Withdraw(at, account, amount), null);
            }
            case "leverage" -> {
                Map<String, YamlNode<ScriptException>> m = v.map(Set.of("account", "symbol", "leverage"));
                return new Step(at, line, new ExchangeCommand.SetLeverage(at, v.required(m, "account").positiveLong(),
                        symbolField(m, v, symbols), v.required(m, "leverage").intInRange(1, 1000)), null);
            }
            case "marginMode" -> {
                Map<String, YamlNode<ScriptException>> m = v.map(Set.of("account", "symbol", "mode"));
                return new Step(at, line, new ExchangeCommand.SetMarginMode(at, v.required(m, "account").positiveLong(),
                        symbolField(m, v, symbols), v.required(m, "mode").enumValue(MarginMode.class)), null);
            }
            case "isolatedMargin" -> {
                Map<String, YamlNode<ScriptException>> m = v.map(Set.of("account", "symbol", "amount"));
                long amount = v.required(m, "amount").decimalE8();
                if (amount == 0) {
                    throw m.get("amount").error("a non-zero amount (negative removes margin)");
                }
                return new Step(at, line, new ExchangeCommand.AdjustIsolatedMargin(at, v.required(m, "account").positiveLong(),
                        symbolField(m, v, symbols), amount), null);
            }
            case "depositCollateral" -> {
                Map<String, YamlNode<ScriptException>> m = v.map(Set.of("account", "asset", "units"));
                YamlNode<ScriptException> asset = v.required(m, "asset");
                return new Step(at, line, new ExchangeCommand.DepositCollateral(at, v.required(m, "account").positiveLong(),
                        checkAsset(asset, asset.text(), assets), v.required(m, "units").positiveDecimalE8()), null);
            }
            case "collateralPrice" -> {
                Map<String, YamlNode<ScriptException>> m = v.map(Set.of("asset", "source", "price"));
                YamlNode<ScriptException> asset = v.required(m, "asset");
                return new Step(at, line, new ExchangeCommand.CollateralPrice(at, checkAsset(asset, asset.text(), assets),
                        v.required(m, "source").enumValue(aftershock.engine.margin.CollateralPriceSource.class),
                        v.required(m, "price").positiveDecimalE8()), null);
            }
            case "haircut" -> {
                Map<String, YamlNode<ScriptException>> m = v.map(Set.of("asset", "haircut"));
                YamlNode<ScriptException> asset = v.required(m, "asset");
                long haircut = v.required(m, "haircut").decimalE8();
                if (haircut < 0 || haircut > aftershock.engine.margin.Fixed.E8) {
                    throw m.get("haircut").error("a haircut from 0 to 1, e.g. \"0.5\"");
                }
                return new Step(at, line, new ExchangeCommand.SetHaircut(at, checkAsset(asset, asset.text(), assets), haircut), null);
            }
            default -> throw v.problem("unknown action");
        }
    }
}
