<?xml version="1.0" encoding="UTF-8"?>
<!--
  Registering an activity: first the catalogue (grouped by category,
  searchable), then the form for the chosen item, asking exactly what its
  rule needs. Works without JavaScript; keeps what was typed after an error.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>
  <xsl:import href="../hours.xsl"/>

  <xsl:key name="by-category" match="catalogue/item" use="@category"/>
  <xsl:variable name="base" select="/page/@base"/>
  <xsl:variable name="ty" select="/page/@teacher-year"/>

  <xsl:template match="/page" mode="title"><xsl:call-template name="str"><xsl:with-param name="k" select="'record-new.title'"/></xsl:call-template></xsl:template>

  <xsl:template match="/page" mode="content">
    <xsl:choose>
      <xsl:when test="bulk"><h1><xsl:call-template name="str"><xsl:with-param name="k" select="'bulk.title'"/></xsl:call-template></h1><xsl:apply-templates select="bulk" mode="head"/></xsl:when>
      <xsl:otherwise><h1><xsl:call-template name="str"><xsl:with-param name="k" select="'record-new.title'"/></xsl:call-template></h1></xsl:otherwise>
    </xsl:choose>
    <xsl:if test="refused/@code = 'deadline_passed'">
      <p class="notice error" role="alert"><xsl:call-template name="str"><xsl:with-param name="k" select="'form.deadline_passed'"/></xsl:call-template></p>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="refused/@code = 'teacher_left'">
        <p class="notice error"><xsl:call-template name="str"><xsl:with-param name="k" select="'refused.teacher_left'"/></xsl:call-template></p>
      </xsl:when>
      <xsl:when test="@self-registration = 'no'">
        <p class="notice"><xsl:call-template name="str"><xsl:with-param name="k" select="'teacher.admin-registers'"/></xsl:call-template></p>
        <xsl:if test="registrar/@school">
          <p>
            <xsl:call-template name="str"><xsl:with-param name="k" select="'record-new.registrar'"/></xsl:call-template>
            <xsl:value-of select="registrar/@school"/>
            <xsl:for-each select="registrar/admin">
              <xsl:text>（</xsl:text><xsl:value-of select="."/><xsl:text>）</xsl:text>
            </xsl:for-each>
          </p>
        </xsl:if>
        <p><a href="/teacher"><xsl:call-template name="str"><xsl:with-param name="k" select="'nav.teacher'"/></xsl:call-template></a></p>
      </xsl:when>
      <xsl:when test="catalogue"><xsl:apply-templates select="catalogue"/></xsl:when>
      <xsl:otherwise><xsl:apply-templates select="item"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="catalogue">
    <xsl:variable name="search">
      <xsl:choose>
        <xsl:when test="/page/bulk">/school/bulk</xsl:when>
        <xsl:otherwise><xsl:value-of select="concat($base, '/records/new')"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <form method="get" action="{$search}" class="search">
      <xsl:if test="$base = '/school'"><input type="hidden" name="teacher-year" value="{$ty}"/></xsl:if>
      <label for="q"><xsl:call-template name="str"><xsl:with-param name="k" select="'record-new.search'"/></xsl:call-template></label>
      <input id="q" name="q" type="search" value="{@q}"/>
      <button type="submit"><xsl:call-template name="str"><xsl:with-param name="k" select="'record-new.search-button'"/></xsl:call-template></button>
    </form>
    <xsl:for-each select="item[generate-id() = generate-id(key('by-category', @category)[1])]">
      <h2><xsl:value-of select="@category"/></h2>
      <ul class="cards items">
        <xsl:for-each select="key('by-category', @category)">
          <li class="card">
            <xsl:choose>
              <xsl:when test="/page/bulk"><a href="/school/bulk?item={@id}"><xsl:value-of select="."/></a></xsl:when>
              <xsl:otherwise><a href="{$base}/records/new?item={@id}&amp;teacher-year={$ty}"><xsl:value-of select="."/></a></xsl:otherwise>
            </xsl:choose>
            <div class="meta">
              <xsl:if test="@hours-tenths &gt; 0">
                <xsl:call-template name="hours"><xsl:with-param name="t" select="@hours-tenths"/></xsl:call-template>
                <xsl:call-template name="str"><xsl:with-param name="k" select="'hours.unit'"/></xsl:call-template> / <xsl:value-of select="@unit"/>
              </xsl:if>
              <xsl:if test="@normative = 'yes'"> · <xsl:call-template name="str"><xsl:with-param name="k" select="'record-new.normative'"/></xsl:call-template></xsl:if>
            </div>
            <xsl:if test="not(@hours-tenths &gt; 0) and string(@unit) != ''"><div class="meta"><xsl:call-template name="str"><xsl:with-param name="k" select="'record-new.unit'"/></xsl:call-template><xsl:value-of select="@unit"/></div></xsl:if>
            <xsl:if test="@conditions"><p class="hint conditions"><xsl:call-template name="str"><xsl:with-param name="k" select="'record.conditions'"/></xsl:call-template><xsl:value-of select="@conditions"/></p></xsl:if>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:for-each>
    <xsl:if test="not(item)"><p class="empty"><xsl:call-template name="str"><xsl:with-param name="k" select="'record-new.no-items'"/></xsl:call-template></p></xsl:if>
  </xsl:template>

  <xsl:template name="number">
    <xsl:param name="n"/>
    <xsl:param name="label"/>
    <xsl:call-template name="input">
      <xsl:with-param name="n" select="$n"/>
      <xsl:with-param name="label" select="$label"/>
      <xsl:with-param name="type" select="'number'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="item">
    <xsl:variable name="rule" select="@rule"/>
    <section class="card">
      <h2><xsl:value-of select="text()"/></h2>
      <p class="hint"><xsl:value-of select="@category"/> ·
        <xsl:if test="@hours-tenths &gt; 0"><xsl:call-template name="hours"><xsl:with-param name="t" select="@hours-tenths"/></xsl:call-template> <xsl:call-template name="str"><xsl:with-param name="k" select="'hours.unit'"/></xsl:call-template> / <xsl:value-of select="@unit"/></xsl:if>
      </p>
      <xsl:if test="not(@hours-tenths &gt; 0) and string(@unit) != ''"><p class="hint"><xsl:call-template name="str"><xsl:with-param name="k" select="'record-new.unit'"/></xsl:call-template><xsl:value-of select="@unit"/></p></xsl:if>
      <xsl:if test="@conditions"><p class="hint conditions"><xsl:call-template name="str"><xsl:with-param name="k" select="'record.conditions'"/></xsl:call-template><xsl:value-of select="@conditions"/></p></xsl:if>
      <xsl:if test="/page/form/form-error">
        <p class="notice" role="alert"><xsl:call-template name="str"><xsl:with-param name="k" select="'record-new.has-errors'"/></xsl:call-template></p>
      </xsl:if>
      <xsl:variable name="action">
        <xsl:choose>
          <xsl:when test="/page/@form-action"><xsl:value-of select="/page/@form-action"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="concat($base, '/records/new')"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <form method="post" action="{$action}" enctype="multipart/form-data">
        <xsl:call-template name="csrf"/>
        <input type="hidden" name="item" value="{@id}"/>
        <xsl:choose>
          <xsl:when test="/page/bulk"><input type="hidden" name="bulk" value="1"/></xsl:when>
          <xsl:otherwise><input type="hidden" name="teacher-year" value="{$ty}"/></xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'started_on'"/><xsl:with-param name="label" select="'record-new.started'"/><xsl:with-param name="type" select="'date'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'ended_on'"/><xsl:with-param name="label" select="'record-new.ended'"/><xsl:with-param name="type" select="'date'"/></xsl:call-template>
        <xsl:if test="$rule = 'per_unit' or $rule = 'per_term' or $rule = 'tiered_level'">
          <xsl:call-template name="number"><xsl:with-param name="n" select="'quantity'"/><xsl:with-param name="label" select="concat('record-new.quantity.', $rule)"/></xsl:call-template>
        </xsl:if>
        <xsl:if test="$rule = 'tiered_level'">
          <div class="field">
            <label for="f-level"><xsl:call-template name="str"><xsl:with-param name="k" select="'record.level'"/></xsl:call-template></label>
            <select id="f-level" name="level">
              <xsl:for-each select="tier">
                <option value="{@level}">
                  <xsl:if test="/page/form/value[@name = 'level'] = @level"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                  <xsl:call-template name="str"><xsl:with-param name="k" select="concat('level.', @level)"/></xsl:call-template>
                  （<xsl:call-template name="hours"><xsl:with-param name="t" select="@hours-tenths"/></xsl:call-template> <xsl:call-template name="str"><xsl:with-param name="k" select="'hours.unit'"/></xsl:call-template>）
                </option>
              </xsl:for-each>
            </select>
            <xsl:call-template name="field-error"><xsl:with-param name="n" select="'level'"/></xsl:call-template>
          </div>
        </xsl:if>
        <xsl:if test="$rule = 'as_certified'">
          <xsl:call-template name="input"><xsl:with-param name="n" select="'certified'"/><xsl:with-param name="label" select="'record-new.certified'"/></xsl:call-template>
        </xsl:if>
        <xsl:if test="$rule = 'points_quarters'">
          <p class="hint"><xsl:call-template name="str"><xsl:with-param name="k" select="'record-new.points-hint'"/></xsl:call-template></p>
          <xsl:call-template name="number"><xsl:with-param name="n" select="'q1'"/><xsl:with-param name="label" select="'record-new.q1'"/></xsl:call-template>
          <xsl:call-template name="number"><xsl:with-param name="n" select="'q2'"/><xsl:with-param name="label" select="'record-new.q2'"/></xsl:call-template>
          <xsl:call-template name="number"><xsl:with-param name="n" select="'q3'"/><xsl:with-param name="label" select="'record-new.q3'"/></xsl:call-template>
          <xsl:call-template name="number"><xsl:with-param name="n" select="'q4'"/><xsl:with-param name="label" select="'record-new.q4'"/></xsl:call-template>
          <xsl:call-template name="field-error"><xsl:with-param name="n" select="'points'"/></xsl:call-template>
        </xsl:if>
        <xsl:if test="$rule = 'roster' and addon">
          <div class="field"><label><input type="checkbox" name="video" value="1">
            <xsl:if test="/page/form/value[@name = 'video']"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if></input>
            <xsl:call-template name="str"><xsl:with-param name="k" select="'record-new.video'"/></xsl:call-template>（+<xsl:call-template name="hours"><xsl:with-param name="t" select="addon/@hours-tenths"/></xsl:call-template> <xsl:call-template name="str"><xsl:with-param name="k" select="'hours.unit'"/></xsl:call-template>）</label></div>
        </xsl:if>
        <xsl:if test="$rule = 'trainee_multiplier'">
          <fieldset class="field">
            <legend><xsl:call-template name="str"><xsl:with-param name="k" select="'record.role'"/></xsl:call-template></legend>
            <label><input type="radio" name="role" value="trainee" checked="checked"/> <xsl:call-template name="str"><xsl:with-param name="k" select="'role-in.trainee'"/></xsl:call-template></label>
            <label><input type="radio" name="role" value="excellent">
              <xsl:if test="/page/form/value[@name = 'role'] = 'excellent'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if></input>
              <xsl:call-template name="str"><xsl:with-param name="k" select="'role-in.excellent'"/></xsl:call-template></label>
            <xsl:call-template name="field-error"><xsl:with-param name="n" select="'role'"/></xsl:call-template>
          </fieldset>
        </xsl:if>
        <xsl:if test="contains(@asks, 'certificate') or $rule = 'once_per_certificate' or $rule = 'participant_limit'">
          <xsl:call-template name="input"><xsl:with-param name="n" select="'certificate_no'"/><xsl:with-param name="label" select="'record-new.certificate-no'"/></xsl:call-template>
          <xsl:call-template name="input"><xsl:with-param name="n" select="'certificate_on'"/><xsl:with-param name="label" select="'record-new.certificate-on'"/><xsl:with-param name="type" select="'date'"/></xsl:call-template>
        </xsl:if>
        <xsl:if test="contains(@asks, 'cn')">
          <xsl:call-template name="input"><xsl:with-param name="n" select="'cn'"/><xsl:with-param name="label" select="'record-new.cn'"/></xsl:call-template>
        </xsl:if>
        <xsl:if test="contains(@asks, 'isbn')">
          <xsl:call-template name="input"><xsl:with-param name="n" select="'isbn'"/><xsl:with-param name="label" select="'record-new.isbn'"/></xsl:call-template>
        </xsl:if>
        <xsl:if test="contains(@asks, 'first_author')">
          <div class="field"><label><input type="checkbox" name="first_author" value="1">
            <xsl:if test="/page/form/value[@name = 'first_author'] or not(/page/form/value)"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if></input>
            <xsl:call-template name="str"><xsl:with-param name="k" select="'record-new.first-author'"/></xsl:call-template></label>
            <xsl:call-template name="field-error"><xsl:with-param name="n" select="'first_author'"/></xsl:call-template></div>
        </xsl:if>
        <xsl:if test="@needs-project = 'yes' or @asks-class = 'yes'">
          <xsl:variable name="chosen" select="/page/form/value[@name = 'project']"/>
          <div class="field">
            <label for="f-project">
              <xsl:choose>
                <xsl:when test="@asks-class = 'yes'"><xsl:call-template name="str"><xsl:with-param name="k" select="'record-new.class'"/></xsl:call-template></xsl:when>
                <xsl:otherwise><xsl:call-template name="str"><xsl:with-param name="k" select="'record.project'"/></xsl:call-template></xsl:otherwise>
              </xsl:choose>
            </label>
            <select id="f-project" name="project">
              <xsl:if test="@needs-project != 'yes' or not(@needs-project)"><option value=""><xsl:call-template name="str"><xsl:with-param name="k" select="'record-new.no-class'"/></xsl:call-template></option></xsl:if>
              <xsl:for-each select="project">
                <option value="{@id}"><xsl:if test="@id = $chosen"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="."/><xsl:if test="@organiser"> · <xsl:value-of select="@organiser"/></xsl:if><xsl:if test="@approval-no"> · <xsl:value-of select="@approval-no"/></xsl:if><xsl:if test="@class-size"> · <xsl:value-of select="@class-size"/><xsl:call-template name="str"><xsl:with-param name="k" select="'record-new.class-size'"/></xsl:call-template></xsl:if><xsl:if test="@approved = 'no'"> （<xsl:call-template name="str"><xsl:with-param name="k" select="'record-new.unapproved'"/></xsl:call-template>）</xsl:if></option>
              </xsl:for-each>
            </select>
            <xsl:if test="@asks-class = 'yes'"><p class="hint"><xsl:call-template name="str"><xsl:with-param name="k" select="'record-new.class-hint'"/></xsl:call-template></p></xsl:if>
            <p class="hint"><xsl:call-template name="str"><xsl:with-param name="k" select="'record-new.project-hint'"/></xsl:call-template><xsl:if test="not(project)"><xsl:text> </xsl:text><xsl:call-template name="str"><xsl:with-param name="k" select="'record-new.no-project'"/></xsl:call-template></xsl:if></p>
            <xsl:call-template name="field-error"><xsl:with-param name="n" select="'project'"/></xsl:call-template>
          </div>
        </xsl:if>
        <xsl:choose>
          <xsl:when test="organiser-choice and contains(concat(' ', @asks, ' '), ' organiser ')">
            <div class="field">
              <xsl:if test="/page/form/form-error[@field = 'organiser']"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
              <label for="f-organiser"><xsl:call-template name="str"><xsl:with-param name="k" select="'record.organiser'"/></xsl:call-template></label>
              <select id="f-organiser" name="organiser">
                <option value=""><xsl:call-template name="str"><xsl:with-param name="k" select="'record-new.no-class'"/></xsl:call-template></option>
                <xsl:for-each select="organiser-choice">
                  <option value="{.}"><xsl:if test=". = /page/form/value[@name = 'organiser']"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="."/></option>
                </xsl:for-each>
              </select>
              <xsl:call-template name="field-error"><xsl:with-param name="n" select="'organiser'"/></xsl:call-template>
            </div>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="input"><xsl:with-param name="n" select="'organiser'"/><xsl:with-param name="label" select="'record.organiser'"/></xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:if test="exclusion">
          <fieldset class="exclusions">
            <xsl:if test="/page/form/form-error[@field = 'excluded']"><xsl:attribute name="class">exclusions has-error</xsl:attribute></xsl:if>
            <legend><xsl:call-template name="str"><xsl:with-param name="k" select="'record-new.exclusions'"/></xsl:call-template></legend>
            <xsl:for-each select="exclusion">
              <div class="field check"><label><input type="radio" name="excluded" value="{@n}">
                <xsl:if test="/page/form/value[@name = 'excluded'] = @n"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
              </input><xsl:text> </xsl:text><xsl:value-of select="."/></label></div>
            </xsl:for-each>
            <div class="field check"><label><input type="radio" name="excluded" value="">
              <xsl:if test="not(/page/form/value[@name = 'excluded'])"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
            </input><xsl:text> </xsl:text><xsl:call-template name="str"><xsl:with-param name="k" select="'record-new.not-excluded'"/></xsl:call-template></label></div>
            <xsl:call-template name="field-error"><xsl:with-param name="n" select="'excluded'"/></xsl:call-template>
          </fieldset>
        </xsl:if>
        <div class="field">
          <label for="f-description"><xsl:call-template name="str"><xsl:with-param name="k" select="'record.description'"/></xsl:call-template></label>
          <textarea id="f-description" name="description" rows="3"><xsl:value-of select="/page/form/value[@name = 'description']"/></textarea>
          <xsl:call-template name="field-error"><xsl:with-param name="n" select="'description'"/></xsl:call-template>
        </div>
        <div class="field">
          <label for="f-evidence"><xsl:call-template name="str"><xsl:with-param name="k" select="'record.evidence'"/></xsl:call-template></label>
          <input id="f-evidence" name="evidence" type="file" multiple="multiple" accept="image/jpeg,image/png,image/webp,image/gif,application/pdf"/>
          <p class="hint"><xsl:call-template name="str"><xsl:with-param name="k" select="'record-new.evidence-hint'"/></xsl:call-template></p>
          <xsl:for-each select="/page/form/form-error[@field = 'evidence']">
            <p class="field-error" role="alert"><xsl:if test="@file"><xsl:value-of select="@file"/>：</xsl:if>
              <xsl:call-template name="str"><xsl:with-param name="k" select="concat('form.', @code)"/></xsl:call-template></p>
          </xsl:for-each>
        </div>
        <xsl:if test="/page/form/preview">
          <p class="notice preview">
            <xsl:call-template name="str"><xsl:with-param name="k" select="'record-new.preview-result'"/></xsl:call-template>
            <xsl:call-template name="hours"><xsl:with-param name="t" select="/page/form/preview/@claimed-tenths"/></xsl:call-template>
            <xsl:call-template name="str"><xsl:with-param name="k" select="'record-new.preview-counted'"/></xsl:call-template>
            <xsl:call-template name="hours"><xsl:with-param name="t" select="/page/form/preview/@counted-tenths"/></xsl:call-template>
            <xsl:call-template name="str"><xsl:with-param name="k" select="'hours.unit'"/></xsl:call-template>
            <xsl:if test="/page/form/preview/@cut != 'none'">（<xsl:call-template name="str"><xsl:with-param name="k" select="concat('cut.', /page/form/preview/@cut)"/></xsl:call-template><xsl:if test="/page/form/preview/@cap">：<xsl:value-of select="/page/form/preview/@cap"/></xsl:if>）</xsl:if>
          </p>
        </xsl:if>
        <xsl:apply-templates select="/page/bulk" mode="teachers"/>
        <xsl:if test="/page/bulk">
          <div class="actions">
            <button type="submit" name="action" value="submit" class="primary"><xsl:call-template name="str"><xsl:with-param name="k" select="'bulk.save'"/></xsl:call-template></button>
          </div>
        </xsl:if>
        <div class="actions">
          <xsl:if test="/page/bulk"><xsl:attribute name="hidden">hidden</xsl:attribute></xsl:if>
          <button type="submit" name="action" value="preview"><xsl:call-template name="str"><xsl:with-param name="k" select="'record-new.preview'"/></xsl:call-template></button>
          <button type="submit" name="action" value="submit" class="primary"><xsl:call-template name="str"><xsl:with-param name="k" select="'record-new.submit'"/></xsl:call-template></button>
          <button type="submit" name="action" value="draft"><xsl:call-template name="str"><xsl:with-param name="k" select="'record-new.draft'"/></xsl:call-template></button>
        </div>
      </form>
    </section>
  </xsl:template>

  <!-- Bulk registration: the result of the last one, the past ones. -->
  <xsl:template match="bulk" mode="head">
    <xsl:if test="@done">
      <p class="notice" role="status"><xsl:call-template name="str"><xsl:with-param name="k" select="'bulk.done'"/></xsl:call-template>
        <xsl:value-of select="past/registration[@id = current()/@done]/@records"/></p>
    </xsl:if>
    <p><xsl:call-template name="str"><xsl:with-param name="k" select="'bulk.intro'"/></xsl:call-template></p>
    <xsl:if test="past/registration">
      <details>
        <summary><xsl:call-template name="str"><xsl:with-param name="k" select="'bulk.past'"/></xsl:call-template></summary>
        <ul>
          <xsl:for-each select="past/registration">
            <li><xsl:value-of select="@started-on"/> · <xsl:value-of select="item"/> · <xsl:value-of select="@records"/>
              <xsl:call-template name="str"><xsl:with-param name="k" select="'bulk.records'"/></xsl:call-template></li>
          </xsl:for-each>
        </ul>
      </details>
    </xsl:if>
  </xsl:template>

  <!-- Bulk registration: whom it is for. -->
  <xsl:template match="bulk" mode="teachers">
    <fieldset class="teachers">
      <legend><xsl:call-template name="str"><xsl:with-param name="k" select="'bulk.teachers'"/></xsl:call-template></legend>
      <xsl:for-each select="/page/form/form-error[@field = 'teachers']">
        <p class="error" role="alert"><xsl:call-template name="str"><xsl:with-param name="k" select="concat('bulk.', @code)"/></xsl:call-template></p>
      </xsl:for-each>
      <xsl:for-each select="/page/list-problems/problem">
        <p class="error"><xsl:call-template name="str"><xsl:with-param name="k" select="concat('bulk.line.', @source)"/></xsl:call-template>
          <xsl:value-of select="@line"/><xsl:call-template name="str"><xsl:with-param name="k" select="'bulk.line-end'"/></xsl:call-template>（<xsl:value-of select="@value"/>）：<xsl:call-template name="str"><xsl:with-param name="k" select="concat('bulk.', @code)"/></xsl:call-template></p>
      </xsl:for-each>
      <ul class="checklist">
        <xsl:for-each select="teacher">
          <li><label><input type="checkbox" name="teachers" value="{@teacher-year}"><xsl:if test="@chosen = '1'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if></input>
            <xsl:text> </xsl:text><xsl:value-of select="name"/><xsl:text> </xsl:text><xsl:value-of select="@staff-no"/></label></li>
        </xsl:for-each>
      </ul>
      <p>
        <label for="staff_nos"><xsl:call-template name="str"><xsl:with-param name="k" select="'bulk.list'"/></xsl:call-template></label><br/>
        <textarea id="staff_nos" name="staff_nos" rows="6"><xsl:value-of select="/page/form/value[@name = 'staff_nos']"/></textarea>
      </p>
      <p>
        <label for="list_file"><xsl:call-template name="str"><xsl:with-param name="k" select="'bulk.list-file'"/></xsl:call-template></label><br/>
        <input type="file" id="list_file" name="list_file" accept=".xlsx,.csv"/>
      </p>
    </fieldset>
  </xsl:template>
</xsl:stylesheet>
