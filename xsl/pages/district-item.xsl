<?xml version="1.0" encoding="UTF-8"?>
<!--
  One catalogue item's form (/district/years/{year}/catalogue/new,
  /district/items/{item}): what the 一览表 prints, what the record form asks,
  and the rule with a typed field for each of its parameters. Only the
  parameters of the chosen rule are read (docs/rules.md, "The catalogue
  editor").
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="district-catalogue.xsl"/>

  <xsl:template match="/page" mode="title"><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.item-title'"/></xsl:call-template> · <xsl:value-of select="year/@label"/></xsl:template>

  <xsl:template name="textarea">
    <xsl:param name="n"/>
    <xsl:param name="label"/>
    <xsl:param name="hint"/>
    <div class="field">
      <xsl:if test="/page/form/form-error[@field = $n]"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
      <label for="f-{$n}"><xsl:call-template name="s"><xsl:with-param name="k" select="$label"/></xsl:call-template></label>
      <textarea id="f-{$n}" name="{$n}" rows="3"><xsl:value-of select="/page/form/value[@name = $n]"/></textarea>
      <xsl:if test="$hint"><p class="hint"><xsl:call-template name="s"><xsl:with-param name="k" select="$hint"/></xsl:call-template></p></xsl:if>
      <xsl:call-template name="field-error"><xsl:with-param name="n" select="$n"/></xsl:call-template>
    </div>
  </xsl:template>

  <xsl:template name="check">
    <xsl:param name="n"/>
    <xsl:param name="label"/>
    <div class="field check">
      <label><input type="checkbox" name="{$n}" value="1">
        <xsl:if test="/page/form/value[@name = $n]"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
      </input><xsl:text> </xsl:text><xsl:call-template name="s"><xsl:with-param name="k" select="$label"/></xsl:call-template></label>
    </div>
  </xsl:template>

  <xsl:template match="/page" mode="content">
    <xsl:variable name="y" select="year"/>
    <xsl:variable name="rule" select="form/value[@name = 'rule_type']"/>
    <xsl:variable name="action">
      <xsl:choose>
        <xsl:when test="item">/district/items/<xsl:value-of select="item/@id"/></xsl:when>
        <xsl:otherwise>/district/years/<xsl:value-of select="$y/@id"/>/catalogue/new</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <p><a href="/district/years/{$y/@id}/catalogue"><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.back'"/></xsl:call-template></a></p>
    <h1>
      <xsl:choose>
        <xsl:when test="item"><xsl:value-of select="item/name"/></xsl:when>
        <xsl:otherwise><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.new'"/></xsl:call-template></xsl:otherwise>
      </xsl:choose>
      · <xsl:value-of select="$y/@label"/>
    </h1>
    <xsl:if test="item/@records &gt; 0"><p class="hint"><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.item-records'"/></xsl:call-template><xsl:value-of select="item/@records"/></p></xsl:if>
    <xsl:call-template name="notices"/>
    <xsl:if test="form/form-error"><p class="notice" role="alert"><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.has-errors'"/></xsl:call-template></p></xsl:if>
    <form method="post" action="{$action}" class="item-form">
      <xsl:call-template name="csrf"/>
      <xsl:call-template name="confirm"/>
      <fieldset>
        <legend><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.item-table'"/></xsl:call-template></legend>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'code'"/><xsl:with-param name="label" select="'catalogue.code'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'category'"/><xsl:with-param name="label" select="'catalogue.category'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'name'"/><xsl:with-param name="label" select="'catalogue.name'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'hours'"/><xsl:with-param name="label" select="'catalogue.hours'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'unit'"/><xsl:with-param name="label" select="'catalogue.unit'"/></xsl:call-template>
        <xsl:call-template name="textarea"><xsl:with-param name="n" select="'conditions'"/><xsl:with-param name="label" select="'catalogue.conditions'"/></xsl:call-template>
      </fieldset>
      <fieldset>
        <legend><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.counting'"/></xsl:call-template></legend>
        <xsl:call-template name="check"><xsl:with-param name="n" select="'normative'"/><xsl:with-param name="label" select="'catalogue.normative'"/></xsl:call-template>
        <xsl:call-template name="check"><xsl:with-param name="n" select="'evidence_required'"/><xsl:with-param name="label" select="'catalogue.evidence-required'"/></xsl:call-template>
        <xsl:call-template name="check"><xsl:with-param name="n" select="'needs_project'"/><xsl:with-param name="label" select="'catalogue.needs-project'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'cap'"/><xsl:with-param name="label" select="'catalogue.cap'"/></xsl:call-template>
        <div class="field">
          <xsl:if test="form/form-error[@field = 'group']"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
          <label for="f-group"><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.group'"/></xsl:call-template></label>
          <select id="f-group" name="group">
            <option value=""><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.group-none'"/></xsl:call-template></option>
            <xsl:for-each select="groups/group">
              <option value="{@id}">
                <xsl:if test="/page/form/value[@name = 'group'] = @id"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                <xsl:value-of select="name"/>（<xsl:value-of select="@cap"/>）
              </option>
            </xsl:for-each>
          </select>
          <xsl:call-template name="field-error"><xsl:with-param name="n" select="'group'"/></xsl:call-template>
        </div>
      </fieldset>
      <fieldset>
        <legend><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.asks'"/></xsl:call-template></legend>
        <xsl:call-template name="check"><xsl:with-param name="n" select="'ask_certificate'"/><xsl:with-param name="label" select="'catalogue.ask.certificate'"/></xsl:call-template>
        <xsl:call-template name="check"><xsl:with-param name="n" select="'ask_first_author'"/><xsl:with-param name="label" select="'catalogue.ask.first_author'"/></xsl:call-template>
        <xsl:call-template name="check"><xsl:with-param name="n" select="'ask_cn'"/><xsl:with-param name="label" select="'catalogue.ask.cn'"/></xsl:call-template>
        <xsl:call-template name="check"><xsl:with-param name="n" select="'ask_isbn'"/><xsl:with-param name="label" select="'catalogue.ask.isbn'"/></xsl:call-template>
        <xsl:call-template name="check"><xsl:with-param name="n" select="'ask_organiser'"/><xsl:with-param name="label" select="'catalogue.ask.organiser'"/></xsl:call-template>
        <xsl:call-template name="textarea"><xsl:with-param name="n" select="'organisers'"/><xsl:with-param name="label" select="'catalogue.organisers'"/><xsl:with-param name="hint" select="'catalogue.lines-hint'"/></xsl:call-template>
        <xsl:call-template name="textarea"><xsl:with-param name="n" select="'exclusions'"/><xsl:with-param name="label" select="'catalogue.exclusions'"/><xsl:with-param name="hint" select="'catalogue.exclusions-hint'"/></xsl:call-template>
      </fieldset>
      <fieldset>
        <legend><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.rule'"/></xsl:call-template></legend>
        <div class="field">
          <xsl:if test="form/form-error[@field = 'rule_type']"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
          <label for="f-rule_type"><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.rule-type'"/></xsl:call-template></label>
          <select id="f-rule_type" name="rule_type">
            <xsl:for-each select="$S/s[starts-with(@k, 'catalogue.rule.')]">
              <xsl:variable name="code" select="substring-after(@k, 'catalogue.rule.')"/>
              <option value="{$code}">
                <xsl:if test="$code = $rule"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                <xsl:value-of select="."/>
              </option>
            </xsl:for-each>
          </select>
          <p class="hint"><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.rule-hint'"/></xsl:call-template></p>
          <xsl:call-template name="field-error"><xsl:with-param name="n" select="'rule_type'"/></xsl:call-template>
        </div>
      </fieldset>
      <fieldset class="params" data-rule="tiered_level">
        <legend><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.rule.tiered_level'"/></xsl:call-template></legend>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'tier_school'"/><xsl:with-param name="label" select="'catalogue.tier.school'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'tier_district'"/><xsl:with-param name="label" select="'catalogue.tier.district'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'tier_city'"/><xsl:with-param name="label" select="'catalogue.tier.city'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'tier_province'"/><xsl:with-param name="label" select="'catalogue.tier.province'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'tier_national'"/><xsl:with-param name="label" select="'catalogue.tier.national'"/></xsl:call-template>
      </fieldset>
      <fieldset class="params" data-rule="as_certified">
        <legend><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.rule.as_certified'"/></xsl:call-template></legend>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'certified_max'"/><xsl:with-param name="label" select="'catalogue.certified-max'"/></xsl:call-template>
      </fieldset>
      <fieldset class="params" data-rule="points_quarters">
        <legend><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.rule.points_quarters'"/></xsl:call-template></legend>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'points_base'"/><xsl:with-param name="label" select="'catalogue.points-base'"/><xsl:with-param name="type" select="'number'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'points_gain'"/><xsl:with-param name="label" select="'catalogue.points-gain'"/><xsl:with-param name="type" select="'number'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'points_hours'"/><xsl:with-param name="label" select="'catalogue.points-hours'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'points_max'"/><xsl:with-param name="label" select="'catalogue.points-max'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'points_threshold'"/><xsl:with-param name="label" select="'catalogue.points-threshold'"/><xsl:with-param name="type" select="'number'"/></xsl:call-template>
      </fieldset>
      <fieldset class="params" data-rule="roster">
        <legend><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.rule.roster'"/></xsl:call-template></legend>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'addon_video'"/><xsl:with-param name="label" select="'catalogue.addon-video'"/></xsl:call-template>
      </fieldset>
      <fieldset class="params" data-rule="trainee_multiplier">
        <legend><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.rule.trainee_multiplier'"/></xsl:call-template></legend>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'excellent_percent'"/><xsl:with-param name="label" select="'catalogue.excellent-percent'"/><xsl:with-param name="type" select="'number'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'quota_percent'"/><xsl:with-param name="label" select="'catalogue.quota-percent'"/><xsl:with-param name="type" select="'number'"/></xsl:call-template>
      </fieldset>
      <fieldset class="params" data-rule="participant_limit">
        <legend><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.rule.participant_limit'"/></xsl:call-template></legend>
        <div class="field">
          <xsl:if test="form/form-error[@field = 'participant_role']"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
          <label for="f-participant_role"><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.participant-role'"/></xsl:call-template></label>
          <select id="f-participant_role" name="participant_role">
            <option value=""></option>
            <xsl:for-each select="$S/s[starts-with(@k, 'catalogue.role.')]">
              <xsl:variable name="code" select="substring-after(@k, 'catalogue.role.')"/>
              <option value="{$code}">
                <xsl:if test="$code = /page/form/value[@name = 'participant_role']"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                <xsl:value-of select="."/>
              </option>
            </xsl:for-each>
          </select>
          <xsl:call-template name="field-error"><xsl:with-param name="n" select="'participant_role'"/></xsl:call-template>
        </div>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'participant_limit'"/><xsl:with-param name="label" select="'catalogue.participant-limit'"/><xsl:with-param name="type" select="'number'"/></xsl:call-template>
      </fieldset>
      <button type="submit"><xsl:call-template name="save-label"/></button>
    </form>
  </xsl:template>
</xsl:stylesheet>
