/* domain/catalogue.c - see catalogue.h */
#include "domain/catalogue.h"

#include <stdio.h>
#include <string.h>

const char *const catalogue_asks[] = { "cn", "isbn", "certificate", "first_author", "organiser", NULL };

static const char *const tier_fields[LEVEL__MAX] = {
	"tier_school", "tier_district", "tier_city", "tier_province", "tier_national"
};

static int
hours_ok(tenths h)
{
	return h > 0 && h <= RULES_HOURS_MAX;
}

static const char *
fail(const char **code, const char *c, const char *field)
{
	*code = c;
	return field;
}

const char *
catalogue_params_check(const struct item_params *p, tenths hours, const char **code)
{
	static const char *dummy;

	if (code == NULL)
		code = &dummy;
	*code = NULL;
	if (p == NULL || p->type < 0 || p->type >= RULE__MAX)
		return fail(code, "invalid", "rule_type");
	if (hours < 0 || hours > RULES_HOURS_MAX)
		return fail(code, "out_of_range", "hours");
	switch (p->type) {
	case RULE_TIERED_LEVEL: {
		int any = 0;
		for (int l = 0; l < LEVEL__MAX; l++) {
			if (p->tiers[l] < 0 || p->tiers[l] > RULES_HOURS_MAX)
				return fail(code, "out_of_range", tier_fields[l]);
			any |= p->tiers[l] > 0;
		}
		if (!any)
			return fail(code, "required", "tier_school");
		return NULL;
	}
	case RULE_AS_CERTIFIED:
		if (!hours_ok(p->certified_max))
			return fail(code, p->certified_max == 0 ? "required" : "out_of_range",
			    "certified_max");
		return NULL;
	case RULE_POINTS_QUARTERS:
		if (p->points_base < 0 || p->points_base > RULES_POINTS_MAX)
			return fail(code, "out_of_range", "points_base");
		if (p->points_gain <= 0 || p->points_gain > RULES_POINTS_MAX)
			return fail(code, p->points_gain == 0 ? "required" : "out_of_range",
			    "points_gain");
		if (!hours_ok(p->points_hours))
			return fail(code, p->points_hours == 0 ? "required" : "out_of_range",
			    "points_hours");
		if (!hours_ok(p->points_max))
			return fail(code, p->points_max == 0 ? "required" : "out_of_range",
			    "points_max");
		if (p->points_threshold < 0 || p->points_threshold > RULES_POINTS_MAX)
			return fail(code, "out_of_range", "points_threshold");
		return NULL;
	default:
		break;
	}
	/* Every other rule counts the item's own hours. */
	if (!hours_ok(hours))
		return fail(code, hours == 0 ? "required" : "out_of_range", "hours");
	switch (p->type) {
	case RULE_ROSTER:
		if (p->addon_video < 0 || p->addon_video > RULES_HOURS_MAX)
			return fail(code, "out_of_range", "addon_video");
		break;
	case RULE_TRAINEE_MULTIPLIER:
		if (p->excellent_percent < 100 || p->excellent_percent > RULES_PERCENT_MAX)
			return fail(code, "out_of_range", "excellent_percent");
		if (p->quota_percent < 0 || p->quota_percent > 100)
			return fail(code, "out_of_range", "quota_percent");
		break;
	case RULE_PARTICIPANT_LIMIT:
		if (p->participant_limit < 1 || p->participant_limit > 1000)
			return fail(code, p->participant_limit == 0 ? "required" : "out_of_range",
			    "participant_limit");
		break;
	default:
		break;
	}
	return NULL;
}

int
catalogue_params_json(const struct item_params *p, char *buf, size_t n)
{
	int len;

	if (p == NULL || buf == NULL || p->type < 0 || p->type >= RULE__MAX)
		return -1;
	switch (p->type) {
	case RULE_TIERED_LEVEL:
		len = snprintf(buf, n,
		    "{\"tiers\":{\"school\":%lld,\"district\":%lld,\"city\":%lld,"
		    "\"province\":%lld,\"national\":%lld}}",
		    (long long)p->tiers[LEVEL_SCHOOL], (long long)p->tiers[LEVEL_DISTRICT],
		    (long long)p->tiers[LEVEL_CITY], (long long)p->tiers[LEVEL_PROVINCE],
		    (long long)p->tiers[LEVEL_NATIONAL]);
		break;
	case RULE_AS_CERTIFIED:
		len = snprintf(buf, n, "{\"max\":%lld}", (long long)p->certified_max);
		break;
	case RULE_POINTS_QUARTERS:
		len = snprintf(buf, n,
		    "{\"base\":%lld,\"gain\":%lld,\"hours\":%lld,\"max\":%lld,\"threshold\":%lld}",
		    p->points_base, p->points_gain, (long long)p->points_hours,
		    (long long)p->points_max, p->points_threshold);
		break;
	case RULE_ROSTER:
		if (p->addon_video > 0)
			len = snprintf(buf, n, "{\"addons\":{\"video\":%lld}}",
			    (long long)p->addon_video);
		else
			len = snprintf(buf, n, "{\"addons\":{}}");
		break;
	case RULE_TRAINEE_MULTIPLIER:
		len = snprintf(buf, n, "{\"excellent_percent\":%d,\"quota_percent\":%d}",
		    p->excellent_percent, p->quota_percent);
		break;
	case RULE_PARTICIPANT_LIMIT:
		len = snprintf(buf, n, "{\"role\":\"%s\",\"limit\":%d}",
		    p->participant_leader ? "leader" : "member", p->participant_limit);
		break;
	default:
		len = snprintf(buf, n, "{}");
		break;
	}
	return len < 0 || (size_t)len >= n ? -1 : len;
}

int
catalogue_asks_has(const char *asks, const char *what)
{
	size_t n = strlen(what);

	if (asks == NULL || n == 0)
		return 0;
	for (const char *p = asks; (p = strstr(p, what)) != NULL; p += n)
		if ((p == asks || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return 1;
	return 0;
}

int
catalogue_code_valid(const char *s)
{
	size_t n;

	if (s == NULL || (n = strlen(s)) < 1 || n > 32)
		return 0;
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '_' || s[i] == '-'))
			return 0;
	return 1;
}
